using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Nomarr.Cli.Hosting;
using Nomarr.Cli.Output;
using Nomarr.Services.Changes;
using Spectre.Console;

namespace Nomarr.Cli.Commands;

/// <summary>`nomarr changes [--since SEQ]`: the change feed, as GET /api/changes gives it.</summary>
internal static class ChangesCommand
{
    public static Command Build()
    {
        var since = new Option<long>("--since") { Description = "Only changes after this sequence number (the next_since of the last read)" };
        var limit = new Option<int>("--limit") { Description = "At most this many changes", DefaultValueFactory = _ => 1000 };
        var json = new Option<bool>("--json") { Description = "Print {\"changes\": [...], \"next_since\": SEQ}" };
        var command = new Command("changes", "List changes to file records, in order, after a cursor") { since, limit, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var page = await services.GetRequiredService<ChangeFeedService>().ReadAsync(parse.GetValue(since), parse.GetValue(limit), ct);
            if (parse.GetValue(json))
            {
                Json.Print(new { page.Changes, page.NextSince });
                return 0;
            }

            var table = new Table().AddColumns("Seq", "Library", "File", "Kind", "Path");
            foreach (var change in page.Changes)
            {
                table.AddRow(
                    change.Seq.ToString(CultureInfo.InvariantCulture),
                    change.LibraryId.ToString(CultureInfo.InvariantCulture),
                    change.FileId.ToString(CultureInfo.InvariantCulture),
                    change.Kind.ToString().ToLowerInvariant(),
                    Markup.Escape(change.OldPath is null ? change.Path : $"{change.OldPath} -> {change.Path}"));
            }

            AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"{page.Changes.Count} changes; next: --since {page.NextSince}");
            return 0;
        }));
        return command;
    }
}
