using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Nomarr.Cli.Hosting;
using Nomarr.Cli.Output;
using Nomarr.Helpers.Time;
using Nomarr.Services.Libraries;
using Spectre.Console;

namespace Nomarr.Cli.Commands;

/// <summary>`nomarr library purge-missing [LIBRARY] --older-than 30d`: the one way records are ever deleted.</summary>
internal static class PurgeMissingCommand
{
    public static Command Build()
    {
        var library = LibraryArgument.Optional("Only this library (id or name); without it, every library");
        var olderThan = new Option<string>("--older-than")
        {
            Description = "Delete the records of files missing for longer than this (30d, 12h, 2w...)",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print {\"purged\": N} as JSON" };
        var command = new Command("purge-missing", "Delete the records of files that have been missing for a while") { library, olderThan, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var catalog = services.GetRequiredService<LibraryCatalog>();
            var age = AgeText.Parse(parse.GetValue(olderThan)!);
            long? libraryId = parse.GetValue(library) is { } l ? (await LibraryArgument.ResolveAsync(catalog, l, ct)).Id : null;
            var purged = await services.GetRequiredService<LibraryFiles>().PurgeMissingAsync(libraryId, age, ct);
            if (parse.GetValue(json))
            {
                Json.Print(new PurgeResult(purged));
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"Purged {purged} records of files missing for more than {parse.GetValue(olderThan)}.");
            }

            return 0;
        }));
        return command;
    }
}
