using System.CommandLine;
using Nomarr.Cli.Hosting;

namespace Nomarr.Cli.Commands;

/// <summary>The `nomarr` command tree.</summary>
internal static class NomarrCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Nomarr keeps a database of your music files true: scan libraries, watch them, query them.");
        root.Options.Add(GlobalOptions.Database);
        root.Options.Add(GlobalOptions.Set);
        root.Options.Add(GlobalOptions.Verbose);
        root.Subcommands.Add(LibraryCommands.Build());
        root.Subcommands.Add(ScanCommand.Build());
        root.Subcommands.Add(ScansCommand.Build());
        root.Subcommands.Add(FilesCommand.Build());
        root.Subcommands.Add(ChangesCommand.Build());
        root.Subcommands.Add(PlaylistsCommand.Build());
        root.Subcommands.Add(NodesCommand.Build());
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(DbCommands.Build());
        return root;
    }
}
