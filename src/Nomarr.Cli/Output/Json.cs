using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Nomarr.Helpers.Json;
using Nomarr.Helpers.Libraries;

namespace Nomarr.Cli.Output;

/// <summary>What the commands print with --json: Nomarr's JSON shape, indented.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = Create();

    public static void Print<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(CliJsonContext.Default, NomarrJson.Indented.TypeInfoResolver!),
        };
        NomarrJson.Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>`nomarr library purge-missing --json`.</summary>
internal sealed record PurgeResult(int Purged);

/// <summary>
/// Serialization code generated at build time for what the commands print, so that a one-shot
/// command does not spend its time reflecting over these types first (BENCHMARKS.md). Types not
/// listed here still serialize, through reflection.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<Library>))]
[JsonSerializable(typeof(List<FileView>))]
[JsonSerializable(typeof(List<ScanRunView>))]
[JsonSerializable(typeof(ScanRunDetails))]
[JsonSerializable(typeof(PurgeResult))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
