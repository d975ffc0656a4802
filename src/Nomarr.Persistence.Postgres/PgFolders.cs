using Npgsql;
using NpgsqlTypes;

namespace Nomarr.Persistence.Postgres;

/// <summary>
/// "Path is under one of these folders", the folders passed as one array parameter: for folder F, the
/// path F and those from "F/" up to (not including) "F0" ('0' follows '/'). The path columns are
/// COLLATE "C", so these ranges are byte ranges, as in SQLite, under any database collation, and
/// stay exact for names with '%' or '_' where LIKE would not.
/// </summary>
internal static class PgFolders
{
    public static bool IsWholeLibrary(IReadOnlyList<string> folders) => folders.Count == 0 || folders.Any(f => f.Length == 0);

    /// <summary>A condition on <paramref name="column"/>; "true" for the whole library.</summary>
    public static string Where(NpgsqlCommand command, IReadOnlyList<string> folders, string column = "normalized_path")
    {
        if (IsWholeLibrary(folders))
        {
            return "true";
        }

        if (folders.Count == 1)
        {
            // One folder: a plain range the (library_id, normalized_path) index answers.
            command.Parameters.Add(new NpgsqlParameter("folder", NpgsqlDbType.Text) { Value = folders[0] });
            command.Parameters.Add(new NpgsqlParameter("folder_lo", NpgsqlDbType.Text) { Value = folders[0] + "/" });
            command.Parameters.Add(new NpgsqlParameter("folder_hi", NpgsqlDbType.Text) { Value = folders[0] + "0" });
            return $"({column} = @folder OR ({column} >= @folder_lo AND {column} < @folder_hi))";
        }

        command.Parameters.Add(new NpgsqlParameter("folders", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = folders.ToArray() });
        return $"EXISTS (SELECT 1 FROM unnest(@folders) AS scope (folder) WHERE {column} = scope.folder " +
               $"OR ({column} >= scope.folder || '/' AND {column} < scope.folder || '0'))";
    }

    /// <summary>
    /// The ids of the library's files under the folders, as index range scans joined to the array
    /// (one probe per folder, where <see cref="Where"/> tests every file of the library).
    /// </summary>
    public static string IdsUnder(NpgsqlCommand command, IReadOnlyList<string> folders, string library = "@library")
    {
        command.Parameters.Add(new NpgsqlParameter("folders", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = folders.ToArray() });
        return "SELECT f.id FROM unnest(@folders) AS scope (folder) JOIN library_files f " +
               $"ON f.library_id = {library} AND (f.normalized_path = scope.folder " +
               "OR (f.normalized_path >= scope.folder || '/' AND f.normalized_path < scope.folder || '0'))";
    }
}
