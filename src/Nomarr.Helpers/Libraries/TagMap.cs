using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Nomarr.Helpers.Libraries;

/// <summary>
/// Every tag of a file: MusicBrainz Picard's internal tag names (see docs/tags.md) mapped to their
/// values, in the order the file holds them. Keys are kept exactly as named here when serialized.
/// </summary>
[JsonConverter(typeof(TagMapJsonConverter))]
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "A tag map is the name tagging tools use for it.")]
public sealed class TagMap : IReadOnlyDictionary<string, IReadOnlyList<string>>, IEquatable<TagMap>
{
    private readonly SortedDictionary<string, IReadOnlyList<string>> _values;

    public TagMap(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, list) in values)
        {
            if (list.Count > 0)
            {
                _values[key] = list;
            }
        }
    }

    public static TagMap Empty { get; } = new([]);

    public int Count => _values.Count;

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<IReadOnlyList<string>> Values => _values.Values;

    public IReadOnlyList<string> this[string key] => _values[key];

    /// <summary>The first value of the tag, or null.</summary>
    public string? First(string key) => _values.TryGetValue(key, out var list) && list.Count > 0 ? list[0] : null;

    /// <summary>The values of the tag, or an empty list.</summary>
    public IReadOnlyList<string> All(string key) => _values.TryGetValue(key, out var list) ? list : [];

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IReadOnlyList<string> value) => _values.TryGetValue(key, out value);

    public bool Equals(TagMap? other) =>
        other is not null && Count == other.Count && this.All(kv => other.TryGetValue(kv.Key, out var list) && list.SequenceEqual(kv.Value, StringComparer.Ordinal));

    public override bool Equals(object? obj) => Equals(obj as TagMap);

    public override int GetHashCode() => Count;

    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
