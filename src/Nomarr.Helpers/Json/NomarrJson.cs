using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Nomarr.Helpers.Json;

/// <summary>The one JSON shape of Nomarr: snake_case names and enums, as the CLI, the API and stored results use.</summary>
public static class NomarrJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = indented,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(NomarrJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
