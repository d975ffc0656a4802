using System.Text.Json;
using System.Text.Json.Serialization;
using Nomarr.Helpers.Json;
using Nomarr.Helpers.Scanning;

namespace Nomarr.UnitTests.Helpers;

public class NomarrJsonTests
{
    [Fact]
    public void AScanResultIsSerializedByGeneratedCodeNotByReflection() =>
        Assert.IsAssignableFrom<JsonSerializerContext>(NomarrJson.Options.GetTypeInfo(typeof(ScanResult)).OriginatingResolver);

    [Fact]
    public void AScanResultKeepsItsSnakeCaseShapeAndRoundTrips()
    {
        var result = new ScanResult
        {
            ScanId = 7,
            FilesAdded = 3,
            DbTransactions = 1,
            Targets = ["Rock/Beatles"],
            Failures = [new ScanFailure("a.mp3", "corrupt", "no audio stream was found")],
            DurationMs = 42,
        };

        var json = JsonSerializer.Serialize(result, NomarrJson.Options);

        Assert.Contains("\"files_added\":3", json, StringComparison.Ordinal);
        Assert.Contains("\"db_transactions\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"duration_ms\":42", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<ScanResult>(json, NomarrJson.Options)!;
        Assert.Equal(result.Targets, back.Targets);
        Assert.Equal(result.Failures, back.Failures);
        Assert.Equal(result with { Targets = back.Targets, Failures = back.Failures, UnreadableFolders = back.UnreadableFolders }, back);
    }

    [Fact]
    public void TypesWithoutGeneratedCodeStillSerialize() =>
        Assert.Equal("{\"current_phase\":\"marking_missing\"}", JsonSerializer.Serialize(new { CurrentPhase = ScanPhase.MarkingMissing }, NomarrJson.Options));
}
