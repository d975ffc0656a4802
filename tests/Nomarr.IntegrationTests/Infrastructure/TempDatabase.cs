namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>A SQLite file path in the temporary folder, deleted (with its WAL files) afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nomarr-http-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose() => Delete(Path);

    /// <summary>Deletes a database file beside this one (a second server's) with its WAL files.</summary>
    public static void Delete(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
