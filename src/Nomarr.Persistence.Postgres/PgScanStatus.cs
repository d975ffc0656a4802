using System.Text.Json;
using Nomarr.Helpers.Scanning;

namespace Nomarr.Persistence.Postgres;

/// <summary>A run's status as stored: the snake_case name, as SQLite stores it.</summary>
internal static class PgScanStatus
{
    public static string Text(ScanRunStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    public static ScanRunStatus Parse(string text) => Enum.Parse<ScanRunStatus>(text.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);
}
