using System.Diagnostics;
using System.Globalization;
using Nomarr.Components.Identity;
using Nomarr.Components.Walking;
using Nomarr.Workflows.Watching;

// The cost of one poll round of a library (the watcher's PollRound: the scan's walk, a stat per audio
// file, folder digests compared with the round before) against `find -printf` walking and stat-ing
// the same tree, both on a warm cache, one thread each, after three rounds that warm the JIT.
// Usage: PollCost CORPUS... [--runs 5]
var runs = 5;
var corpora = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs")
    {
        runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
    }
    else
    {
        corpora.Add(Path.GetFullPath(args[i]));
    }
}

var round = new PollRound(new DirectoryWalker(), new DeviceInodes());
Console.WriteLine("| library | folders with audio | audio files | `find -printf` (median) | poll round (median) | poll / find | snapshot memory |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var corpus in corpora)
{
    // Warm the cache and take the snapshot every later round is compared with.
    Find(corpus);
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var snapshot = round.Take(corpus, null, new PollProgress(), default);
    var memory = GC.GetTotalMemory(forceFullCollection: true) - before;

    // A service polls the same library every minute: measure rounds of code the JIT has optimised, as they run there.
    for (var warm = 0; warm < 3; warm++)
    {
        snapshot = round.Take(corpus, snapshot, new PollProgress(), default);
    }

    var finds = new List<double>();
    var polls = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        finds.Add(Find(corpus));
        var clock = Stopwatch.StartNew();
        var next = round.Take(corpus, snapshot, new PollProgress(), default);
        var changed = FolderSnapshot.Changed(snapshot, next);
        polls.Add(clock.Elapsed.TotalMilliseconds);
        if (changed.Count != 0)
        {
            Console.Error.WriteLine($"poll-cost: {changed.Count} folders changed under {corpus} during the run");
        }

        snapshot = next;
        Console.Error.WriteLine($"poll-cost: {Path.GetFileName(corpus)} run {run + 1}: find {finds[^1]:F0} ms, poll {polls[^1]:F0} ms");
    }

    var find = Median(finds);
    var poll = Median(polls);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {Path.GetFileName(corpus)} | {snapshot.FolderCount:N0} | {snapshot.FileCount:N0} | {find:F0} ms | {poll:F0} ms | {poll / find:F2}x | {memory / 1024.0 / 1024.0:F1} MiB |"));
}

static double Find(string corpus)
{
    var start = new ProcessStartInfo("sh", ["-c", "find \"$0\" -printf '%s %T@ %p\\n' > /dev/null", corpus]);
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    process.WaitForExit();
    return clock.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
