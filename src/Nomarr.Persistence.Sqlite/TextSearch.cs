namespace Nomarr.Persistence.Sqlite;

/// <summary>How a text search reaches FTS5's trigram index.</summary>
internal static class TextSearch
{
    /// <summary>A trigram index can only answer for a text of at least three characters (code points).</summary>
    public static bool UsesIndex(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Trim().EnumerateRunes().Take(3).Count() == 3;

    /// <summary>The text as one FTS5 string: a phrase, which the trigram tokenizer matches as a substring.</summary>
    public static string Phrase(string folded) => "\"" + folded.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
