using System.CommandLine;
using System.Globalization;
using Nomarr.Helpers.Libraries;
using Nomarr.Services.Libraries;

namespace Nomarr.Cli.Commands;

/// <summary>A library named by its id or its name.</summary>
internal static class LibraryArgument
{
    public static Argument<string?> Optional(string description) => new("LIBRARY")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Argument<string> Required(string description) => new("LIBRARY") { Description = description };

    private static bool LooksLikePath(string text) =>
        text.Contains('/', StringComparison.Ordinal) || text.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || text is "." or "..";

    public static async Task<Library> ResolveAsync(LibraryCatalog catalog, string idOrName, CancellationToken cancellationToken)
    {
        if (long.TryParse(idOrName, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await catalog.GetAsync(id, cancellationToken);
        }

        var all = await catalog.ListAsync(cancellationToken);
        if (LooksLikePath(idOrName) && Directory.Exists(idOrName))
        {
            // `nomarr scan ~/Music`: the library of that folder, registered on first use.
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(idOrName));
            return all.FirstOrDefault(l => string.Equals(l.RootPath, root, StringComparison.Ordinal))
                ?? await catalog.AddAsync(root, null, watch: true, cancellationToken);
        }

        var matches = all.Where(l => string.Equals(l.Name, idOrName, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new ArgumentException($"There is no library named '{idOrName}'. See `nomarr library list`."),
            _ => throw new ArgumentException($"Several libraries are named '{idOrName}': use the id."),
        };
    }
}
