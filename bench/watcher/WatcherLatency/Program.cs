using System.Globalization;
using WatcherLatency;

// Latency from a change on disk to its new state being readable from the database, through a real
// `nomarr serve` watching a real folder. Usage: WatcherLatency --nomarr PATH --fixtures DIR --work DIR [--changes 50] [--quiet 2,0.2]
var arguments = Arguments.Parse(args);
var rows = new List<string>();
foreach (var quiet in arguments.QuietPeriods)
{
    var work = Path.Combine(arguments.Work, "quiet-" + quiet.ToString(CultureInfo.InvariantCulture));
    await using var run = await ServeRun.StartAsync(arguments.Nomarr, arguments.Fixtures, work, quiet);
    var latencies = await run.MeasureAsync(arguments.Changes);
    rows.Add(Report.Row(quiet, latencies));
    Console.Error.WriteLine(Report.Row(quiet, latencies));
}

Console.WriteLine(Report.Header);
foreach (var row in rows)
{
    Console.WriteLine(row);
}
