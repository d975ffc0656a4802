using System.CommandLine;

namespace Nomarr.Cli.Hosting;

/// <summary>Options every command takes.</summary>
internal static class GlobalOptions
{
    public static Option<string?> Database { get; } = new("--db")
    {
        Description = "The SQLite database file (default: ~/.local/share/nomarr/nomarr.db, or NOMARR_DB)",
        Recursive = true,
    };

    public static Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a setting, e.g. --set Scanner:BatchSize=500 (repeatable)",
        Recursive = true,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log what happens to stderr",
        Recursive = true,
    };
}
