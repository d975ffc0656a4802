using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nomarr.Cli.Hosting;
using Nomarr.Cli.Output;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Options;
using Nomarr.Services.Libraries;
using Nomarr.Services.Nodes;
using Nomarr.Services.Scanning;
using Nomarr.Services.Status;
using Nomarr.Workflows.Watching;
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
        var noWatch = new Option<bool>("--no-watch") { Description = "Do not watch the folder for changes when serving (--watch-mode off)" };
        var watchMode = new Option<string?>("--watch-mode")
        {
            Description = "How `nomarr serve` sees changes: auto (poll on a network share, inotify otherwise), inotify, poll or off",
        };
        watchMode.AcceptOnlyFromAmong("auto", "inotify", "poll", "off");
        var pollSeconds = new Option<int?>("--poll-seconds") { Description = "Seconds between two polls of this library (default: Watcher:PollSeconds)" };
        pollSeconds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } seconds && seconds is < 1 or > 86_400)
            {
                result.AddError("--poll-seconds is between 1 and 86400.");
            }
        });
        var node = new Option<string?>("--node") { Description = "Pin the library to this node (Node:Name): only it scans and watches the library" };
        node.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } name)
            {
                try
                {
                    NodeNames.Check(name);
                }
                catch (ArgumentException ex)
                {
                    result.AddError("--node: " + ex.Message + ".");
                }
            }
        });
        var json = new Option<bool>("--json") { Description = "Print the new library as JSON" };
        var force = new Option<bool>("--force") { Description = "Add a system folder (/, /etc, /usr, ...) or one on a pseudo-filesystem anyway" };
        var command = new Command("add", "Register a folder as a library") { path, name, noWatch, watchMode, pollSeconds, node, json, force };
        command.Validators.Add(result =>
        {
            if (result.GetValue(noWatch) && result.GetValue(watchMode) is { } mode && mode != "off")
            {
                result.AddError("--no-watch and --watch-mode " + mode + " contradict each other.");
            }
        });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var folder = parse.GetValue(path)!;
            var forced = parse.GetValue(force);
            if (LibraryRootPolicy.RefusalOf(folder, LibraryRootRules.Default) is { } refusal)
            {
                if (!forced)
                {
                    await Console.Error.WriteLineAsync($"nomarr: '{folder}' is no place for a library: {refusal}. If you mean it, add it with --force.");
                    return CommandRunner.Failure;
                }

                await Console.Error.WriteLineAsync($"nomarr: warning: '{folder}': {refusal}; adding it as --force asks.");
            }

            var catalog = services.GetRequiredService<LibraryCatalog>();
            var rules = forced ? LibraryRootRules.Forced : LibraryRootRules.Default;
            var mode = parse.GetValue(watchMode) is { } text ? Enum.Parse<WatchMode>(text, ignoreCase: true)
                : parse.GetValue(noWatch) ? WatchMode.Off : WatchMode.Auto;
            var added = await catalog.AddAsync(folder, parse.GetValue(name), mode, parse.GetValue(pollSeconds), rules, ct);
            if (parse.GetValue(node) is { } pinned)
            {
                added = await services.GetRequiredService<NodeService>().PinAsync(added.Id, pinned, ct);
            }

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
            var catalog = services.GetRequiredService<LibraryCatalog>();
            var libraries = await catalog.ListAsync(ct);
            var pollSeconds = services.GetRequiredService<IConfiguration>().GetValue(WatcherOptions.Section + ":" + nameof(WatcherOptions.PollSeconds), new WatcherOptions().PollSeconds);
            var choices = new List<WatchModeChoice>();
            foreach (var l in libraries)
            {
                choices.Add(await LibraryWatchView.ChooseAsync(l, ct));
            }

            if (parse.GetValue(json))
            {
                Json.Print(new JsonArray([.. libraries.Select((l, i) => LibraryWatchView.ToJson(l, choices[i], pollSeconds))]));
                return 0;
            }

            if (libraries.Count == 0)
            {
                AnsiConsole.WriteLine("No libraries yet. Add one with `nomarr library add PATH`.");
                return 0;
            }

            var states = await services.GetRequiredService<ScanHistory>().StatesAsync(ct);
            var table = new Table().AddColumns("Id", "Name", "Root", "Last scan", "State", "Watch");
            foreach (var (l, choice) in libraries.Zip(choices))
            {
                table.AddRow(l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(l.Name), Markup.Escape(l.RootPath),
                    l.LastScanAt?.ToLocalTime().ToString("g", System.Globalization.CultureInfo.CurrentCulture) ?? "never", StateText(states.GetValueOrDefault(l.Id)), choice.Mode.ToString().ToLowerInvariant());
            }

            AnsiConsole.Write(table);

            // Why each mode, one line per library: too long for a table column.
            foreach (var (l, choice) in libraries.Zip(choices))
            {
                Console.Out.WriteLine($"{l.Id}: {LibraryWatchView.Describe(l, choice, pollSeconds)} ({choice.Reason})");
            }
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
            var catalog = services.GetRequiredService<LibraryCatalog>();
            var target = await LibraryArgument.ResolveAsync(catalog, parse.GetValue(library)!, ct);
            await catalog.RemoveAsync(target.Id, ct);
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
