using System.Runtime.Versioning;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Persistence;
using Nomarr.Workflows.Scanning;

namespace Nomarr.IntegrationTests.Reliability;

/// <summary>
/// Faults of the database under a scan: another process holding its write lock, a full disk, a
/// read-only file or filesystem. Each gives one clear line, records the run as failed or interrupted
/// (or none at all), marks nothing missing, and leaves a database that passes PRAGMA integrity_check.
/// </summary>
[Trait("Category", "Reliability")]
[SupportedOSPlatform("linux")]
public sealed class DatabaseFaultTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly string _home = Directory.CreateTempSubdirectory("nomarr-faults-").FullName;

    public DatabaseFaultTests() => File.SetUnixFileMode(_home, (UnixFileMode)0x1FF);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _disk.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task ADatabaseLockedByAnotherProcessPastTheBusyTimeoutFailsTheCommandInOneLine()
    {
        AddFiles("A", 20);
        var database = Path.Combine(_home, "nomarr.db");
        var cli = new CliRunner(database);
        Assert.Equal(0, (await cli.RunAsync("scan", _disk.Root)).ExitCode);
        AddFiles("B", 20);

        CliResult scan;
        await using (await DatabaseWriteLock.TakeAsync(database))
        {
            scan = await cli.RunAsync("scan", "1", "--set", "Database:BusyTimeoutSeconds=1");
        }

        Assert.Equal(1, scan.ExitCode);
        Assert.Equal("nomarr: the database is locked by another process for longer than Database:BusyTimeoutSeconds", LastLine(scan.Stderr).Split(" (")[0]);
        Assert.DoesNotContain("   at ", scan.Stderr, StringComparison.Ordinal);
        Assert.Equal("ok", await DatabaseRows.IntegrityAsync(database));
        Assert.Equal(1, await DatabaseRows.CountAsync(database, "scan_runs"));
        var after = await cli.RunAsync("scan", "1", "--json");
        Assert.True(after.ExitCode == 0, after.Stderr);
        Assert.Equal(20, after.Json().GetProperty("files_added").GetInt32());
        Assert.Equal(0, after.Json().GetProperty("files_missing").GetInt32());
    }

    [Fact]
    public async Task ALockTakenDuringAScanPastTheBusyTimeoutFailsItAndTheNextScanResumesIt()
    {
        AddFiles("Old", 100);
        using var app = new NomarrTestHost(new Dictionary<string, string?> { ["Database:BusyTimeoutSeconds"] = "1" });
        var library = await app.Libraries.AddAsync(_disk.Root, "Test", watch: false, default);
        await app.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id)]);
        AddFiles("New", 300);

        // Taken on the scan's own thread once it has claimed the library, before its first write.
        DatabaseWriteLock? held = null;
        long scanId = 0;
        var progress = new CallbackProgress(p =>
        {
            scanId = p.ScanId;
            held ??= DatabaseWriteLock.Take(app.DatabasePath);
        });
        var options = new ScanOptions(BatchSize: 20) { LeaseFor = TimeSpan.FromSeconds(5) };
        PersistenceException error;
        try
        {
            error = await Assert.ThrowsAsync<PersistenceException>(() => app.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id)], options, progress));
        }
        finally
        {
            held?.Dispose();
        }

        Assert.StartsWith("the database is locked by another process", error.Message, StringComparison.Ordinal);

        // Its end could not be written under the lock either: it shows as interrupted once its lease lapses.
        var run = await WaitForAsync(async () => await app.Ledger.GetAsync(scanId, default) is { Status: not ScanRunStatus.Running } r ? r : null);
        Assert.Contains(run.Status, new[] { ScanRunStatus.Failed, ScanRunStatus.Interrupted });
        Assert.Equal("ok", await DatabaseRows.IntegrityAsync(app.DatabasePath));
        Assert.Equal(0, (await app.Files.QueryAsync(new FileQuery(library.Id, Missing: true), default)).Total);

        var next = await app.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id)]);

        Assert.Equal(scanId, next.ResumedFrom);
        Assert.Equal(0, next.FilesMissing);
        Assert.Equal(400, (await app.Files.QueryAsync(new FileQuery(library.Id, Limit: 1), default)).Total);
    }

    [SkippableFact]
    public async Task ADiskThatFillsUpUnderTheDatabaseFailsTheScanClearlyAndAScanAfterSpaceIsFreedCompletesIt()
    {
        using var tmpfs = Tmpfs.Mount("600k");
        var database = Path.Combine(tmpfs.Path, "nomarr.db");
        var cli = new CliRunner(database);
        AddFiles("Old", 100);
        Assert.Equal(0, (await cli.RunAsync("scan", _disk.Root)).ExitCode);
        AddFiles("New", 3000);

        var full = await cli.RunAsync("scan", "1", "--set", "Scanner:LeaseSeconds=5");

        Assert.Equal(1, full.ExitCode);
        Assert.StartsWith("nomarr: the disk holding the database is full", LastLine(full.Stderr), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", full.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", full.Stderr, StringComparison.Ordinal);
        Assert.Equal("ok", await DatabaseRows.IntegrityAsync(database));
        var missing = await cli.RunAsync("files", "--missing", "--json");
        Assert.True(missing.ExitCode == 0, missing.Stderr);
        Assert.Equal(0, missing.Json().GetArrayLength());

        tmpfs.Remount("size=64m");
        var after = await cli.RunAsync("scan", "1", "--json");

        Assert.True(after.ExitCode == 0, after.Stderr);
        Assert.Equal(0, after.Json().GetProperty("files_missing").GetInt32());
        Assert.True(after.Json().GetProperty("resumed_from").ValueKind == System.Text.Json.JsonValueKind.Number, after.Stdout);
        Assert.Equal(3100, (await cli.RunAsync("files", "--limit", "5000", "--json")).Json().GetArrayLength());
        Assert.Equal("ok", await DatabaseRows.IntegrityAsync(database));
    }

    [SkippableFact]
    public async Task ADatabaseOnAFilesystemMadeReadOnlyIsRefusedInOneLineAndKeepsItsRecords()
    {
        using var tmpfs = Tmpfs.Mount("64m");
        var database = Path.Combine(tmpfs.Path, "nomarr.db");
        var cli = new CliRunner(database);
        AddFiles("A", 50);
        Assert.Equal(0, (await cli.RunAsync("scan", _disk.Root)).ExitCode);
        _disk.Delete("A/000/0000.mp3");

        tmpfs.Remount("ro");
        var refused = await cli.RunAsync("scan", "1");
        tmpfs.Remount("rw");

        Assert.Equal(1, refused.ExitCode);
        Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("nomarr: the database file cannot be opened", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("ok", await DatabaseRows.IntegrityAsync(database));
        Assert.Equal(1, await DatabaseRows.CountAsync(database, "scan_runs"));
        var after = await cli.RunAsync("scan", "1", "--json");
        Assert.True(after.ExitCode == 0, after.Stderr);
        Assert.Equal(1, after.Json().GetProperty("files_missing").GetInt32());
    }

    [SkippableFact]
    public async Task ADatabaseFileThatCannotBeWrittenRefusesAScanInOneLineAndCanStillBeRead()
    {
        Skip.IfNot(Nobody.CanRun, Nobody.CannotRun);
        var database = Path.Combine(_home, "nomarr.db");
        var nobody = new Nobody(_home, database);
        AddFiles("A", 50);
        Assert.Equal(0, (await nobody.RunAsync("scan", _disk.Root)).ExitCode);
        _disk.Delete("A/000/0000.mp3");
        File.SetUnixFileMode(database, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refused = await nobody.RunAsync("scan", "1");
        var files = await nobody.RunAsync("files", "--json");

        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("nomarr: the database is read-only", LastLine(refused.Stderr), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Stderr, StringComparison.Ordinal);
        Assert.True(files.ExitCode == 0, files.Stderr);
        Assert.Equal(50, files.Json().GetArrayLength());
        Assert.All(files.Json().EnumerateArray(), f => Assert.Equal(System.Text.Json.JsonValueKind.Null, f.GetProperty("missing_since").ValueKind));
        Assert.Equal("ok", await DatabaseRows.IntegrityAsync(database));
        Assert.Equal(1, await DatabaseRows.CountAsync(database, "scan_runs"));
    }

    private void AddFiles(string folder, int count)
    {
        var audio = File.ReadAllBytes(TempLibrary.Fixture(".mp3"));
        for (var i = 0; i < count; i++)
        {
            _disk.Write($"{folder}/{i / 50:000}/{i:0000}.mp3", audio);
        }
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
