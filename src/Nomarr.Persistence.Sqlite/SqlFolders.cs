using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Nomarr.Persistence.Sqlite;

/// <summary>
/// "Path is under one of these folders". A single folder is an index range scan (the path F and
/// those from "F/" up to, not including, "F0": '0' follows '/'), which stays exact for names with
/// '%' or '_' where LIKE would not. A set of folders reaches SQLite as one JSON array parameter
/// read by json_each, so the SQL text stays the same size for any number of folders (a chain of
/// ORs fails beyond about 1,000 with "Expression tree is too large").
/// </summary>
internal static class SqlFolders
{
    public static string Where(SqliteCommand command, IReadOnlyList<string> folders, string column = "normalized_path")
    {
        if (IsAll(folders))
        {
            return "1 = 1";
        }

        if (folders.Count == 1)
        {
            command.Parameters.AddWithValue("$f0", folders[0]);
            command.Parameters.AddWithValue("$lo0", folders[0] + "/");
            command.Parameters.AddWithValue("$hi0", folders[0] + "0");
            return $"({column} = $f0 OR ({column} >= $lo0 AND {column} < $hi0))";
        }

        command.Parameters.AddWithValue("$folders", JsonSerializer.Serialize(folders));
        return $"EXISTS (SELECT 1 FROM json_each($folders) AS folder WHERE {Under(column, "folder.value")})";
    }

    /// <summary>
    /// For a query that reads the files of many folders: "FROM {this} AS alias", the folders of the
    /// JSON array driving one index range scan each, or the plain table when the set is the whole library.
    /// </summary>
    public static string From(SqliteCommand command, IReadOnlyList<string> folders, string alias)
    {
        if (IsAll(folders))
        {
            return $"library_files AS {alias}";
        }

        command.Parameters.AddWithValue("$folders", JsonSerializer.Serialize(folders.Distinct(StringComparer.Ordinal)));
        return $"json_each($folders) AS folder CROSS JOIN library_files AS {alias} ON {Under(alias + ".normalized_path", "folder.value")}";
    }

    private static bool IsAll(IReadOnlyList<string> folders) => folders.Count == 0 || folders.Any(f => f.Length == 0);

    // Paths in [F, F0) all start with F; of those, F itself and F/... are under it (not "F-live").
    private static string Under(string column, string folder) =>
        $"{column} >= {folder} AND {column} < {folder} || '0' " +
        $"AND (length({column}) = length({folder}) OR substr({column}, length({folder}) + 1, 1) = '/')";
}
