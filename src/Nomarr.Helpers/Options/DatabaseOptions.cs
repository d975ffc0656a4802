using System.ComponentModel.DataAnnotations;

namespace Nomarr.Helpers.Options;

/// <summary>Section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The only engine so far is "sqlite".</summary>
    [Required]
    [RegularExpression("^(?i:sqlite)$", ErrorMessage = "Database:Provider must be 'sqlite' (the only engine built in so far).")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite database file; defaults to nomarr.db in the user's data folder.</summary>
    public string? Path { get; set; }

    /// <summary>A full connection string; overrides <see cref="Path"/>.</summary>
    public string? ConnectionString { get; set; }

    public static string DefaultPath =>
        System.IO.Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "nomarr",
            "nomarr.db");
}
