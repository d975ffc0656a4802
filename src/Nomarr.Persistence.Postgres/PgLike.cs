namespace Nomarr.Persistence.Postgres;

/// <summary>Text as a LIKE pattern that matches itself alone: '%', '_' and the escape '\' lose their meaning.</summary>
internal static class PgLike
{
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
