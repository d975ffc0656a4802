using System.Globalization;

namespace WatcherLatency;

internal sealed record Arguments(string Nomarr, string Fixtures, string Work, int Changes, IReadOnlyList<double> QuietPeriods)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required");
        var quiet = values.GetValueOrDefault("--quiet", "2,0.2").Split(',').Select(q => double.Parse(q, CultureInfo.InvariantCulture)).ToList();
        var changes = int.Parse(values.GetValueOrDefault("--changes", "50"), CultureInfo.InvariantCulture);
        return new Arguments(Required("--nomarr"), Required("--fixtures"), Required("--work"), changes, quiet);
    }
}
