using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Nomarr.Cli.Hosting;
using Nomarr.Cli.Output;
using Nomarr.Services.Libraries;
using Nomarr.Services.Status;
using Spectre.Console;

namespace Nomarr.Cli.Commands;

/// <summary>`nomarr library add|list|remove|purge-missing`.</summary>
internal static class LibraryCommands
{
    public static Command Build()
    {
        var library = new Command("library", "Add, list and remove libraries (folders of music)");
        library.Subcommands.Add(Add());
        library.Subcommands.Add(List());
        library.Subcommands.Add(Remove());
        library.Subcommands.Add(PurgeMissingCommand.Build());
        return library;
    }

    private static Command Add()
    {
        var path = new Argument<string>("PATH") { Description = "The folder that holds the music" };
        var name = new Option<string?>("--name") { Description = "A name for the library (default: the folder's name)" };
        var noWatch = new Option<bool>("--no-watch") { Description = "Do not watch the folder for changes when serving" };
        var json = new Option<bool>("--json") { Description = "Print the new library as JSON" };
        var command = new Command("add", "Register a folder as a library") { path, name, noWatch, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var service = services.GetRequiredService<LibraryService>();
            var added = await service.AddLibraryAsync(parse.GetValue(path)!, parse.GetValue(name), !parse.GetValue(noWatch), ct);
            if (parse.GetValue(json))
            {
                Json.Print(added);
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"Added library [bold]{added.Id}[/] ({added.Name}) at {added.RootPath}. Scan it with `nomarr scan {added.Id}`.");
            }

            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print the libraries as JSON" };
        var command = new Command("list", "List libraries and their scan state") { json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var service = services.GetRequiredService<LibraryService>();
            var libraries = await service.ListLibrariesAsync(ct);
            if (parse.GetValue(json))
            {
                Json.Print(libraries);
                return 0;
            }

            if (libraries.Count == 0)
            {
                AnsiConsole.WriteLine("No libraries yet. Add one with `nomarr library add PATH`.");
                return 0;
            }

            var states = await service.GetScanStatesAsync(ct);
            var table = new Table().AddColumns("Id", "Name", "Root", "Last scan", "State");
            foreach (var l in libraries)
            {
                table.AddRow(l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(l.Name), Markup.Escape(l.RootPath),
                    l.LastScanAt?.ToLocalTime().ToString("g", System.Globalization.CultureInfo.CurrentCulture) ?? "never", StateText(states.GetValueOrDefault(l.Id)));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Remove()
    {
        var library = LibraryArgument.Required("The library's id or name");
        var command = new Command("remove", "Forget a library and its files (the files on disk are not touched)") { library };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var service = services.GetRequiredService<LibraryService>();
            var target = await LibraryArgument.ResolveAsync(service, parse.GetValue(library)!, ct);
            await service.RemoveLibraryAsync(target.Id, ct);
            AnsiConsole.MarkupLineInterpolated($"Removed library {target.Id} ({target.Name}).");
            return 0;
        }));
        return command;
    }

    private static string StateText(LibraryScanState state) => state switch
    {
        LibraryScanState.ScanningElsewhere => "scanning (another process)",
        _ => state.ToString().ToLowerInvariant(),
    };
}
