using Nomarr.Helpers.Libraries;

namespace Nomarr.Components.Tags.Mapping;

/// <summary>Collects the values of one tag format under Picard names; a key seen again gains values, never loses them.</summary>
internal sealed class TagMapBuilder
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public bool IsEmpty => _values.Count == 0;

    public void Add(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || string.IsNullOrWhiteSpace(key))
        {
            return;
        }

        var name = key.Trim().ToLowerInvariant();
        var list = _values.TryGetValue(name, out var existing) ? existing : _values[name] = [];
        var text = value.Trim('\0').Trim();

        // A value given twice (TRCK "3/12" beside TXXX:TOTALTRACKS 12) is one value.
        if (!list.Contains(text, StringComparer.Ordinal))
        {
            list.Add(text);
        }
    }

    public void Add(string key, IEnumerable<string?>? values)
    {
        foreach (var value in values ?? [])
        {
            Add(key, value);
        }
    }

    /// <summary>"3/12" under tracknumber becomes tracknumber 3 and totaltracks 12, as Picard stores them.</summary>
    public void AddNumberAndTotal(string numberKey, string totalKey, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            Add(numberKey, text);
            return;
        }

        Add(numberKey, text[..slash]);
        Add(totalKey, text[(slash + 1)..]);
    }

    /// <summary>Adds the keys of <paramref name="other"/> this one does not have: the first tag format read wins a key.</summary>
    public void AddMissing(TagMapBuilder other)
    {
        foreach (var (key, list) in other._values)
        {
            if (!_values.ContainsKey(key))
            {
                _values[key] = [.. list];
            }
        }
    }

    public TagMap Build() => new(_values.Select(kv => new KeyValuePair<string, IReadOnlyList<string>>(kv.Key, kv.Value)));
}
