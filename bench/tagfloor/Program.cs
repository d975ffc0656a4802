using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

// tagfloor ROOT [--threads N]: walks ROOT, reads the tags and audio properties of every audio file
// with TagLibSharp (ReadStyle.Average, as Nomarr's TagReader), one worker per core, and prints one JSON
// line of timings. The walk feeds the readers as it goes, as Nomarr's pipeline does.
if (args.Length < 1)
{
    await Console.Error.WriteLineAsync("usage: tagfloor ROOT [--threads N]");
    return 2;
}

var root = Path.GetFullPath(args[0]);
var threads = args.Length >= 3 && args[1] == "--threads" ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
string[] audio = [".mp3", ".flac", ".m4a", ".mp4", ".aac", ".ogg", ".oga", ".opus", ".wav", ".aif", ".aiff", ".wma", ".wv", ".ape", ".mpc", ".dsf"];
var extensions = new HashSet<string>(audio, StringComparer.OrdinalIgnoreCase);

var stopwatch = Stopwatch.StartNew();
using var paths = new BlockingCollection<string>(boundedCapacity: 1024);
long walkMs = 0;
var walker = Task.Run(() =>
{
    var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
    foreach (var path in Directory.EnumerateFiles(root, "*", enumeration))
    {
        if (extensions.Contains(Path.GetExtension(path)))
        {
            paths.Add(path);
        }
    }

    paths.CompleteAdding();
    walkMs = stopwatch.ElapsedMilliseconds;
});

long files = 0, failed = 0, checksum = 0;
var readers = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(
    () =>
    {
        foreach (var path in paths.GetConsumingEnumerable())
        {
            try
            {
                using var file = TagLib.File.Create(new TagLib.File.LocalFileAbstraction(path), TagLib.ReadStyle.Average);
                var tag = file.Tag;
                var text = string.Concat(tag.Title, tag.JoinedPerformers, tag.Album, tag.JoinedAlbumArtists, tag.JoinedGenres);
                Interlocked.Add(ref checksum, text.Length + tag.Track + tag.Disc + tag.Year + (long)file.Properties.Duration.TotalMilliseconds);
                Interlocked.Increment(ref files);
            }
#pragma warning disable CA1031 // A file TagLibSharp cannot read counts as failed; the floor goes on.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref failed);
            }
        }
    },
    CancellationToken.None,
    TaskCreationOptions.LongRunning,
    TaskScheduler.Default)).ToArray();

await walker;
await Task.WhenAll(readers);
var totalMs = stopwatch.ElapsedMilliseconds;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{{\"files\":{files},\"failed\":{failed},\"threads\":{threads},\"walk_ms\":{walkMs},\"total_ms\":{totalMs},\"checksum\":{checksum}}}"));
return 0;
