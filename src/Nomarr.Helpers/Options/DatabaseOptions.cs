using System.ComponentModel.DataAnnotations;

namespace Nomarr.Helpers.Options;

/// <summary>Section "Database".</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    /// <summary>"sqlite" (the embedded default) or "postgres" (several Nomarr processes on one database).</summary>
    [Required]
    [RegularExpression("^(?i:sqlite|postgres)$", ErrorMessage = "Database:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite database file; defaults to nomarr.db in the user's data folder.</summary>
    public string? Path { get; set; }

    /// <summary>A full connection string: overrides <see cref="Path"/> for SQLite; required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long an SQLite statement waits for another process's write lock before it fails with "database is locked".</summary>
    [Range(1, 3600)]
    public int BusyTimeoutSeconds { get; set; } = 30;

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase);

    public static string DefaultPath =>
        System.IO.Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "nomarr",
            "nomarr.db");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "required with Database:Provider=postgres (Host=...;Database=...;Username=...;Password=...)",
                [nameof(ConnectionString)]);
        }
    }
}
