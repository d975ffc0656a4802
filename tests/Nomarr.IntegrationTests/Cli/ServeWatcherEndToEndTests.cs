using System.Diagnostics;
using Nomarr.Helpers.Libraries;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

/// <summary>
/// The real `nomarr serve` process watching a real folder: what a user drops in, renames, retags and
/// deletes reaches the database by itself, and a process killed with SIGKILL loses none of it.
/// </summary>
public sealed class ServeWatcherEndToEndTests : IDisposable
{
    private const string ServingOn = "Nomarr serves its API and web page on ";

    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "nomarr.exe" : "nomarr");

    private readonly TempLibrary _disk = new();
    private readonly TempLibrary _downloads = new();
    private readonly string _database = Path.Combine(Path.GetTempPath(), "nomarr-serve-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        _disk.Dispose();
        _downloads.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        WatchedHost.DeleteDatabase(_database);
    }

    [Fact]
    public async Task ADroppedAlbumARenamedFolderARetagAndADeletionReachTheDatabaseAndSurviveAKill()
    {
        _disk.AddTrack("Rock/Beatles/01 - Help.mp3", title: "Help");
        _disk.AddTrack("Rock/Beatles/02 - Yesterday.flac", title: "Yesterday");
        _disk.AddTrack("Jazz/Miles/01 - So What.ogg", title: "So What");
        _disk.AddTrack("Jazz/Miles/02 - Freddie.mp3", title: "Freddie");
        var added = await new CliRunner(_database).RunAsync("library", "add", _disk.Root, "--json");
        Assert.True(added.ExitCode == 0, added.Stderr);
        var libraryId = added.Json().GetProperty("id").GetInt64();
        using var reader = new NomarrTestHost(databasePath: _database);

        using (var serve = await ServeAsync(quietSeconds: 0.3))
        {
            var help = await WaitForAsync(reader, libraryId, "Rock/Beatles/01 - Help.mp3", f => f.Valid);
            _downloads.AddTrack("Gold/01 - Dancing Queen.mp3", title: "Dancing Queen");
            Directory.Move(_downloads.FullPath("Gold"), _disk.FullPath("Gold"));
            Directory.Move(_disk.FullPath("Rock/Beatles"), _disk.FullPath("Rock/The Beatles"));
            _disk.Retag("Jazz/Miles/01 - So What.ogg", title: "So What (Live)");
            _disk.Delete("Jazz/Miles/02 - Freddie.mp3");

            await WaitForAsync(reader, libraryId, "Gold/01 - Dancing Queen.mp3", f => f.Valid);
            var renamed = await WaitForAsync(reader, libraryId, "Rock/The Beatles/01 - Help.mp3", f => f.Valid);
            await WaitForAsync(reader, libraryId, "Jazz/Miles/01 - So What.ogg", f => f.Tags.Title == "So What (Live)");
            await WaitForAsync(reader, libraryId, "Jazz/Miles/02 - Freddie.mp3", f => !f.Valid);
            Assert.Equal(help.Id, renamed.Id);
            serve.Kill();
        }

        // A quiet period far longer than the test: these changes are seen, held in memory, and killed with the process.
        using (var serve = await ServeAsync(quietSeconds: 600))
        {
            await WaitForAsync(reader, libraryId, "Rock/The Beatles/01 - Help.mp3", f => f.Valid);
            _disk.AddTrack("Gold/02 - Waterloo.mp3", title: "Waterloo");
            _disk.Retag("Rock/The Beatles/01 - Help.mp3", title: "Help!");
            _disk.Delete("Rock/The Beatles/02 - Yesterday.flac");
            // The kill must drop the changes from memory, not come before inotify delivered them.
            await serve.WaitForChangesSeenAsync(libraryId);
            serve.Kill();
        }

        using (await ServeAsync(quietSeconds: 0.3))
        {
            await WaitForAsync(reader, libraryId, "Gold/02 - Waterloo.mp3", f => f.Valid);
            await WaitForAsync(reader, libraryId, "Rock/The Beatles/01 - Help.mp3", f => f.Tags.Title == "Help!");
            await WaitForAsync(reader, libraryId, "Rock/The Beatles/02 - Yesterday.flac", f => !f.Valid);
        }
    }

    private static Task<LibraryFile> WaitForAsync(NomarrTestHost reader, long libraryId, string path, Func<LibraryFile, bool> condition) =>
        WatchedHost.WaitForAsync(
            async () => (await reader.Files.QueryAsync(new FileQuery(libraryId, Limit: 1000), default)).Items.FirstOrDefault(f => f.Path == path && condition(f)),
            $"{path} to be stored as expected");

    /// <summary>Starts `nomarr serve` and waits until it watches the library.</summary>
    private async Task<ServeProcess> ServeAsync(double quietSeconds)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "serve", "--urls", "http://127.0.0.1:0",
                     "--set", "Watcher:DebounceSeconds=" + quietSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NOMARR_DB"] = _database;
        var process = Process.Start(start)!;
        var watching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var serving = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Watching library", StringComparison.Ordinal) == true)
            {
                watching.TrySetResult();
            }

            if (e.Data is { } line && line.IndexOf(ServingOn, StringComparison.Ordinal) is var at and >= 0)
            {
                serving.TrySetResult(new Uri(line[(at + ServingOn.Length)..].Split(',')[0].Trim()));
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await watching.Task.WaitAsync(WatchedHost.Patience);
        return new ServeProcess(process, await serving.Task.WaitAsync(WatchedHost.Patience));
    }

    private sealed class ServeProcess(Process process, Uri address) : IDisposable
    {
        /// <summary>Waits until the library's watcher reports a change seen (GET /api/status: watcher.last_event_at).</summary>
        public async Task WaitForChangesSeenAsync(long libraryId)
        {
            using var http = new HttpClient { BaseAddress = address };
            await WatchedHost.WaitForAsync(
                async () =>
                {
                    using var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/status", UriKind.Relative)));
                    var library = status.RootElement.GetProperty("libraries").EnumerateArray().Single(l => l.GetProperty("id").GetInt64() == libraryId);
                    return library.GetProperty("watcher").TryGetProperty("last_event_at", out var at) && at.ValueKind == System.Text.Json.JsonValueKind.String
                        ? at.GetString()
                        : null;
                },
                $"the watcher of library {libraryId} to see the changes");
        }

        /// <summary>SIGKILL: no shutdown, no flush, like a crash or `kill -9`.</summary>
        public void Kill()
        {
            process.Kill();
            process.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                Kill();
            }

            process.Dispose();
        }
    }
}
