using System.Globalization;

namespace WatcherLatency;

internal static class Report
{
    public const string Header = "| quiet period | changes | median | p95 | min | max | goal (p95 < quiet + 0.5 s) |\n| --- | --- | --- | --- | --- | --- | --- |";

    public static string Row(double quiet, IReadOnlyList<TimeSpan> latencies)
    {
        var sorted = latencies.Order().ToList();
        var p95 = Percentile(sorted, 0.95);
        var met = p95.TotalSeconds < quiet + 0.5 ? "met" : "missed";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {quiet} s | {sorted.Count} | {Seconds(Percentile(sorted, 0.5))} | {Seconds(p95)} | {Seconds(sorted[0])} | {Seconds(sorted[^1])} | {met} |");
    }

    // Nearest rank: the smallest value with at least p of the values at or below it.
    private static TimeSpan Percentile(List<TimeSpan> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";
}
