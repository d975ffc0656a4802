using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

using Microsoft.Extensions.Options;
using Nomarr.Components.Identity;
using Nomarr.Components.Reading;
using Nomarr.Components.Tags;
using Nomarr.Helpers.Options;

// tagfloor ROOT [--threads N] [--reader]: walks ROOT, reads the tags and audio properties of every audio file
// with TagLibSharp (ReadStyle.Average, as Nomarr's TagReader), one worker per core, and prints one JSON
// line of timings. The walk feeds the readers as it goes, as Nomarr's pipeline does.
// With --reader, each file is read by Nomarr's own AudioFileReader instead (tags, the tag map and the
// audio identity from one open, as a scan reads it) and nothing is written: a scan without its database.
if (args.Length < 1)
{
    await Console.Error.WriteLineAsync("usage: tagfloor ROOT [--threads N] [--reader]");
    return 2;
}

var root = Path.GetFullPath(args[0]);
var threadsAt = Array.IndexOf(args, "--threads");
var threads = threadsAt > 0 && threadsAt + 1 < args.Length ? int.Parse(args[threadsAt + 1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
var scannerOptions = Options.Create(new ScannerOptions());
var nomarrReader = args.Contains("--reader")
    ? new AudioFileReader(new TagReader(new TagExtractor(new ValueSplitter([]))), new AudioIdentityReader(), new Fingerprinter(scannerOptions), scannerOptions)
    : null;
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

long files = 0, failed = 0, checksum = 0, tagTicks = 0, keyTicks = 0;
var readers = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(
    () =>
    {
        foreach (var path in paths.GetConsumingEnumerable())
        {
            if (nomarrReader is not null)
            {
                var outcome = nomarrReader.Read(path, withFingerprint: false, CancellationToken.None);
                Interlocked.Add(ref tagTicks, outcome.TagTicks);
                Interlocked.Add(ref keyTicks, outcome.KeyTicks);
                if (outcome.Tags is { Succeeded: true, Tags: var read })
                {
                    var text = string.Concat(read.Title, read.Artist, read.Album, read.AlbumArtist, read.Genre);
                    Interlocked.Add(ref checksum, text.Length + (read.Track ?? 0) + (read.Disc ?? 0) + (read.Year ?? 0) + (long)(read.Duration ?? 0) + (outcome.Keys?.AudioId?.Length ?? 0));
                    Interlocked.Increment(ref files);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }

                continue;
            }

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
    $"{{\"files\":{files},\"failed\":{failed},\"threads\":{threads},\"walk_ms\":{walkMs},\"total_ms\":{totalMs},\"checksum\":{checksum},\"tags_ms\":{(long)Stopwatch.GetElapsedTime(0, tagTicks).TotalMilliseconds},\"audio_identity_ms\":{(long)Stopwatch.GetElapsedTime(0, keyTicks).TotalMilliseconds}}}"));
return 0;
