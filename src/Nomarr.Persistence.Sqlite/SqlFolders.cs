using Microsoft.Data.Sqlite;

namespace Nomarr.Persistence.Sqlite;

/// <summary>
/// Builds "path is under one of these folders" as index range scans: for folder F, the paths F
/// and those from "F/" up to (not including) "F0" ('0' follows '/'), which stays exact for names
/// with '%' or '_' where LIKE would not.
/// </summary>
internal static class SqlFolders
{
    public static string Where(SqliteCommand command, IReadOnlyList<string> folders, string column = "normalized_path")
    {
        if (folders.Count == 0 || folders.Any(f => f.Length == 0))
        {
            return "1 = 1";
        }

        var clauses = new List<string>(folders.Count);
        for (var i = 0; i < folders.Count; i++)
        {
            command.Parameters.AddWithValue($"$f{i}", folders[i]);
            command.Parameters.AddWithValue($"$lo{i}", folders[i] + "/");
            command.Parameters.AddWithValue($"$hi{i}", folders[i] + "0");
            clauses.Add($"({column} = $f{i} OR ({column} >= $lo{i} AND {column} < $hi{i}))");
        }

        return "(" + string.Join(" OR ", clauses) + ")";
    }
}
