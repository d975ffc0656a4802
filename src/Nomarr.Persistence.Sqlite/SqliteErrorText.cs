using Microsoft.Data.Sqlite;

namespace Nomarr.Persistence.Sqlite;

/// <summary>
/// What a user reads for an SQLite error: what happened to the database in plain words, then SQLite's
/// own message. The faults a real machine has (another writer, a full disk, a read-only file) are
/// named; the rest keep SQLite's message alone.
/// </summary>
internal static class SqliteErrorText
{
    public static string Describe(SqliteException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var plain = (ex.SqliteErrorCode & 0xFF) switch
        {
            5 or 6 => "the database is locked by another process for longer than Database:BusyTimeoutSeconds",
            8 => "the database is read-only: its file, its folder or its filesystem cannot be written",
            10 => "the database could not be read or written (an I/O error; is the disk full or gone?)",
            11 or 26 => "the database file is damaged or not a Nomarr database",
            13 => "the disk holding the database is full",
            14 => "the database file cannot be opened",
            _ => null,
        };
        return plain is null ? ex.Message : $"{plain} ({ex.Message})";
    }
}
