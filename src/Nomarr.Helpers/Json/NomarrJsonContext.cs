using System.Text.Json.Serialization;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;

namespace Nomarr.Helpers.Json;

/// <summary>
/// Serialization code generated at build time for what every scan writes (its targets and its result),
/// so that a short-lived `nomarr` process does not spend milliseconds reflecting over these types
/// first. Types not listed here still serialize, through reflection.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ScanResult))]
[JsonSerializable(typeof(List<ScanResult>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Library))]
internal sealed partial class NomarrJsonContext : JsonSerializerContext;
