using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Nomarr.Cli.Hosting;
using Nomarr.Cli.Output;
using Nomarr.Services.Libraries;
using Spectre.Console;

namespace Nomarr.Cli.Commands;

/// <summary>`nomarr playlists [LIBRARY]`: the playlists found by scans and what their entries resolve to.</summary>
internal static class PlaylistsCommand
{
    public static Command Build()
    {
        var library = LibraryArgument.Optional("Only this library (id or name)");
        var json = new Option<bool>("--json") { Description = "Print the playlists as a JSON array" };
        var command = new Command("playlists", "List playlists with their entries") { library, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var libraries = services.GetRequiredService<LibraryCatalog>();
            long? libraryId = parse.GetValue(library) is { } l ? (await LibraryArgument.ResolveAsync(libraries, l, ct)).Id : null;
            var playlists = await services.GetRequiredService<PlaylistService>().ListAsync(libraryId, ct);
            if (parse.GetValue(json))
            {
                Json.Print(playlists);
                return 0;
            }

            var table = new Table().AddColumns("Id", "Library", "Path", "Entries", "Unresolved");
            foreach (var playlist in playlists)
            {
                table.AddRow(
                    playlist.Id.ToString(CultureInfo.InvariantCulture),
                    playlist.LibraryId.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(playlist.Path),
                    playlist.Entries.Count.ToString(CultureInfo.InvariantCulture),
                    playlist.Entries.Count(e => e.FileId is null).ToString(CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
