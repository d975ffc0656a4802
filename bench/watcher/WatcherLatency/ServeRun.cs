using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WatcherLatency;

/// <summary>One `nomarr serve` watching a fresh library of 20 albums, and the changes made to it.</summary>
internal sealed class ServeRun : IAsyncDisposable
{
    private const int Albums = 20;
    private const int TracksPerAlbum = 5;
    private static readonly string[] Formats = [".mp3", ".flac", ".ogg", ".m4a", ".opus"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _serve;
    private readonly string _root;
    private readonly string _fixtures;
    private readonly string _connection;

    private ServeRun(Process serve, string root, string fixtures, string database)
    {
        _serve = serve;
        _root = root;
        _fixtures = fixtures;
        _connection = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString();
    }

    public static async Task<ServeRun> StartAsync(string nomarr, string fixtures, string work, double quiet)
    {
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        var root = Path.Combine(work, "music");
        var database = Path.Combine(work, "nomarr.db");
        for (var album = 0; album < Albums; album++)
        {
            for (var track = 0; track < TracksPerAlbum; track++)
            {
                var path = Path.Combine(root, AlbumName(album), $"{track + 1:00} - Track{Formats[track]}");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Copy(Path.Combine(fixtures, "tone" + Formats[track]), path);
            }
        }

        await RunAsync(nomarr, ["library", "add", root, "--db", database]);
        var start = new ProcessStartInfo(nomarr) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "serve", "--db", database, "--urls", "http://127.0.0.1:0",
                     "--set", "Watcher:DebounceSeconds=" + quiet.ToString(CultureInfo.InvariantCulture), "--set", "Scanner:PeriodicScanHours=0",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var serve = Process.Start(start)!;
        var log = File.CreateText(Path.Combine(work, "serve.log"));
        _ = serve.StandardOutput.BaseStream.CopyToAsync(log.BaseStream);
        _ = serve.StandardError.BaseStream.CopyToAsync(log.BaseStream);
        var run = new ServeRun(serve, root, fixtures, database);
        await run.WaitUntilAsync("SELECT COUNT(*) = $n FROM library_files WHERE valid = 1", ("$n", Albums * TracksPerAlbum));
        await run.WaitUntilAsync("SELECT COUNT(*) = 0 FROM scan_runs WHERE status = 'running'");
        return run;
    }

    /// <summary>Makes the changes one after another (retag, add, delete, rename in turn) and times each until the database shows it.</summary>
    public async Task<IReadOnlyList<TimeSpan>> MeasureAsync(int changes)
    {
        var latencies = new List<TimeSpan>();
        for (var i = 0; i < changes; i++)
        {
            var album = AlbumName(i % Albums);
            var round = i / Albums;
            var (query, parameter) = Change(i % 4, album, round, i);
            var changed = Stopwatch.GetTimestamp();
            await WaitUntilAsync(query, parameter);
            latencies.Add(Stopwatch.GetElapsedTime(changed));
            Console.Error.Write('.');

            // Let the scan that showed the change finish, so that each change is measured on its own.
            await WaitUntilAsync("SELECT COUNT(*) = 0 FROM scan_runs WHERE status = 'running'");
            await Task.Delay(100);
        }

        Console.Error.WriteLine();
        return latencies;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_serve.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _serve.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _serve.WaitForExitAsync(timeout.Token);
        }

        _serve.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private (string Query, (string, object) Parameter) Change(int kind, string album, int round, int i)
    {
        var folder = Path.Combine(_root, album);
        switch (kind)
        {
            case 0:
                var title = "Retagged " + i.ToString(CultureInfo.InvariantCulture);
                using (var file = TagLib.File.Create(Path.Combine(folder, "01 - Track.mp3")))
                {
                    file.Tag.Title = title;
                    file.Save();
                }

                return ("SELECT COUNT(*) = 1 FROM library_files WHERE normalized_path = $p AND title = '" + title + "'", ("$p", album + "/01 - Track.mp3"));
            case 1:
                var added = $"new-{i}.flac";
                File.Copy(Path.Combine(_fixtures, "tone.flac"), Path.Combine(folder, added));
                return ("SELECT COUNT(*) = 1 FROM library_files WHERE normalized_path = $p AND valid = 1", ("$p", album + "/" + added));
            case 2:
                var deleted = $"{3 + round:00} - Track{Formats[(2 + round) % Formats.Length]}";
                File.Delete(Path.Combine(folder, deleted));
                return ("SELECT COUNT(*) = 1 FROM library_files WHERE normalized_path = $p AND valid = 0", ("$p", album + "/" + deleted));
            default:
                var renamed = $"02 - Renamed {i}.flac";
                var current = Directory.GetFiles(folder, "02 - *.flac").Single();
                File.Move(current, Path.Combine(folder, renamed));
                return ("SELECT COUNT(*) = 1 FROM library_files WHERE normalized_path = $p AND valid = 1", ("$p", album + "/" + renamed));
        }
    }

    private async Task WaitUntilAsync(string query, params (string Name, object Value)[] parameters)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Patience.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (File.Exists(new SqliteConnectionStringBuilder(_connection).DataSource) && await IsTrueAsync(query, parameters))
            {
                return;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"The database never showed: {query}");
    }

    private async Task<bool> IsTrueAsync(string query, (string Name, object Value)[] parameters)
    {
        try
        {
            await using var connection = new SqliteConnection(_connection);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 1;
        }
        catch (SqliteException)
        {
            // Busy or not created yet: ask again.
            return false;
        }
    }

    private static async Task RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed with exit code {process.ExitCode}");
        }
    }

    private static string AlbumName(int album) => $"Artist {album / 4}/Album {album}";
}
