using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nomarr.Helpers.Libraries;

/// <summary>
/// Writes a <see cref="TagMap"/> as an object of string arrays with its keys verbatim: the
/// snake_case policy for dictionary keys would rewrite names such as "performer:vocals".
/// </summary>
public sealed class TagMapJsonConverter : JsonConverter<TagMap>
{
    public override TagMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A tag map is a JSON object.");
        }

        var values = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString() ?? throw new JsonException("A tag name is a string.");
            reader.Read();
            var list = new List<string>();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(reader.GetString() ?? string.Empty);
                }
            }
            else
            {
                list.Add(reader.GetString() ?? string.Empty);
            }

            values.Add(new(key, list));
        }

        return new TagMap(values);
    }

    public override void Write(Utf8JsonWriter writer, TagMap value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (key, list) in value)
        {
            writer.WriteStartArray(key);
            foreach (var item in list)
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
