using System.Text;
using MAB.DotIgnore;
using Nomarr.Components.Reading;

namespace Nomarr.Components.Walking;

/// <summary>
/// The .nomarrignore files that apply to a folder: its own and its ancestors', in gitignore
/// syntax, each relative to the folder that holds it. As in git, the last matching pattern wins
/// and a deeper file overrides a shallower one, so `!keep.wav` below re-includes what `*.wav`
/// above excluded; a folder that is excluded is not entered, so nothing below it comes back.
/// </summary>
public sealed class IgnoreRules
{
    public const string FileName = ".nomarrignore";

    private readonly IgnoreRules? _parent;
    private readonly string _folder;
    private readonly IgnoreList? _list;

    private IgnoreRules(IgnoreRules? parent, string folder, IgnoreList? list)
    {
        _parent = parent;
        _folder = folder;
        _list = list;
    }

    public static IgnoreRules None { get; } = new(null, string.Empty, null);

    /// <summary>
    /// These rules, plus the .nomarrignore of <paramref name="folder"/> if it has one. One that cannot be used
    /// (unreadable, not a regular file, larger than <see cref="MaxBytes"/>) is ignored, and said why to <paramref name="onProblem"/>.
    /// </summary>
    public IgnoreRules WithFolder(string rootFull, string folder, Action<string>? onProblem = null)
    {
        var file = Path.Combine(rootFull, folder.Replace('/', Path.DirectorySeparatorChar), FileName);
        try
        {
            if (!Path.Exists(file))
            {
                return this;
            }

            using var opened = OpenedFile.Open(file, CancellationToken.None);
            if (!opened.IsRegular)
            {
                onProblem?.Invoke($"the ignore file is not a regular file ({opened.Status.Kind}); it was not used");
                return this;
            }

            if (opened.Stream.Length > MaxBytes)
            {
                onProblem?.Invoke($"the ignore file is larger than {MaxBytes / 1024} KiB ({opened.Stream.Length} bytes); it was not used");
                return this;
            }

            using var reader = new StreamReader(opened.Stream, Encoding.UTF8);
            var lines = reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r'));
            return new IgnoreRules(this, folder, new IgnoreList(lines));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            onProblem?.Invoke($"the ignore file cannot be read ({ex.Message}); it was not used");
            return this;
        }
    }

    /// <summary>The largest .nomarrignore that is read: a real one holds a few lines.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>
    /// The rules of the folders above <paramref name="path"/> (root-relative; its own .nomarrignore, if
    /// it is a folder, is not read), or null when the path or one of the folders above it is excluded:
    /// an excluded folder is not entered, so nothing below it counts, whatever deeper files say.
    /// </summary>
    public static IgnoreRules? Above(string rootFull, string path, bool isDirectory)
    {
        ArgumentNullException.ThrowIfNull(path);
        var rules = None;
        var folder = string.Empty;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            rules = rules.WithFolder(rootFull, folder);
            folder = folder.Length == 0 ? segments[i] : folder + "/" + segments[i];
            if (rules.IsIgnored(folder, isDirectory: isDirectory || i < segments.Length - 1))
            {
                return null;
            }
        }

        return rules;
    }

    /// <summary>Whether the stored path (root-relative) is excluded.</summary>
    public bool IsIgnored(string path, bool isDirectory)
    {
        bool? verdict = null;
        Apply(path, isDirectory, ref verdict);
        return verdict ?? false;
    }

    private void Apply(string path, bool isDirectory, ref bool? verdict)
    {
        _parent?.Apply(path, isDirectory, ref verdict);
        if (_list is null || !Nomarr.Helpers.Paths.PathNormalizer.IsUnder(path, _folder) || path.Length == _folder.Length)
        {
            return;
        }

        var relative = _folder.Length == 0 ? path : path[(_folder.Length + 1)..];
        foreach (var rule in _list.Rules)
        {
            if (rule.IsMatch(relative, isDirectory))
            {
                verdict = (rule.PatternFlags & PatternFlags.NEGATION) == 0;
            }
        }
    }
}
