using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Nomarr.Cli.Hosting;
using Nomarr.Cli.Output;
using Nomarr.Services.Libraries;
using Nomarr.Services.Scanning;
using Spectre.Console;

namespace Nomarr.Cli.Commands;

/// <summary>`nomarr scans [LIBRARY]` and `nomarr scans show ID`: the history of scans and what failed in them.</summary>
internal static class ScansCommand
{
    public static Command Build()
    {
        var library = LibraryArgument.Optional("Only this library (id or name)");
        var limit = new Option<int>("--limit") { Description = "At most this many scans, newest first", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print the scans as a JSON array" };
        var command = new Command("scans", "Recent scans: status, targets, counts and duration") { library, limit, json };
        command.Subcommands.Add(Show());
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var catalog = services.GetRequiredService<LibraryCatalog>();
            long? libraryId = parse.GetValue(library) is { } l ? (await LibraryArgument.ResolveAsync(catalog, l, ct)).Id : null;
            if (parse.GetValue(limit) < 1)
            {
                throw new ArgumentException("--limit must be at least 1.");
            }

            var runs = (await services.GetRequiredService<ScanHistory>().ListAsync(libraryId, parse.GetValue(limit), ct)).Select(ScanRunView.From).ToList();
            if (parse.GetValue(json))
            {
                Json.Print(runs);
                return 0;
            }

            var table = new Table().AddColumns("Id", "Library", "Status", "Node", "Targets", "Started", "Duration", "Scanned", "Added", "Updated", "Moved", "Missing", "Failed");
            foreach (var r in runs)
            {
                table.AddRow(
                    Text(r.Id), Text(r.LibraryId), r.Status.ToString().ToLowerInvariant() + (r.MissingHeldBack > 0 ? " (missing held back)" : string.Empty),
                    Markup.Escape(r.Node ?? ""),
                    Markup.Escape(TargetList.Summarise(r.Targets)),
                    r.StartedAt.ToLocalTime().ToString("g", CultureInfo.CurrentCulture),
                    r.DurationMs is { } ms ? $"{ms / 1000.0:0.0} s" : "",
                    Text(r.FilesScanned), Text(r.FilesAdded), Text(r.FilesUpdated), Text(r.FilesMoved), Text(r.FilesMissing), Text(r.FilesFailed));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<long>("ID") { Description = "The scan's id (see `nomarr scans`)" };
        var json = new Option<bool>("--json") { Description = "Print the scan and its failures as JSON" };
        var command = new Command("show", "One scan, with the files that failed and why (corrupt, unreadable, vanished)") { id, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var run = await services.GetRequiredService<ScanHistory>().GetAsync(parse.GetValue(id), ct)
                ?? throw new ArgumentException($"There is no scan with id {parse.GetValue(id)}. See `nomarr scans`.");
            var details = ScanRunDetails.From(run);
            if (parse.GetValue(json))
            {
                Json.Print(details);
                return 0;
            }

            var s = details.Scan;
            AnsiConsole.MarkupLineInterpolated(
                $"Scan {s.Id} of library {s.LibraryId}: [bold]{s.Status.ToString().ToLowerInvariant()}[/], {(s.FullScan ? "full" : "targeted: " + TargetList.Summarise(s.Targets))}, started {s.StartedAt.ToLocalTime():g}.");
            if (s.FilesScanned is not null)
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"{s.FilesScanned} files: {s.FilesAdded} added, {s.FilesUpdated} updated, {s.FilesUnchanged} unchanged, {s.FilesMoved} moved, {s.FilesMissing} missing, {s.FilesFailed} failed, {s.FilesVanished} vanished in {s.DurationMs} ms.");
            }

            foreach (var line in new[] { s.ResumedFrom is { } from ? $"Resumed interrupted scan {from}." : null, details.HeldBackReason, s.Error }.OfType<string>())
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]{line}[/]");
            }

            foreach (var folder in details.UnreadableFolders)
            {
                AnsiConsole.MarkupLineInterpolated($"  [red]unreadable folder[/] {folder}");
            }

            foreach (var failure in details.Failures)
            {
                AnsiConsole.MarkupLineInterpolated($"  [yellow]{failure.Kind}[/] {failure.Path}: {failure.Reason}");
            }

            return 0;
        }));
        return command;
    }

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
