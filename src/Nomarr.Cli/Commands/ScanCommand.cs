using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Nomarr.Cli.Hosting;
using Nomarr.Cli.Output;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.Services.Libraries;
using Nomarr.Services.Scanning;
using Spectre.Console;

namespace Nomarr.Cli.Commands;

/// <summary>`nomarr scan [LIBRARY] [--folder F]...`: a full or targeted scan, with a progress bar on a terminal.</summary>
internal static class ScanCommand
{
    public static Command Build()
    {
        var library = LibraryArgument.Optional("The library to scan: its id, its name, or its folder (a new folder is added as a library); without it, every library");
        var folders = new Option<string[]>("--folder", "-f")
        {
            Description = "Scan only this folder of the library (relative to its root; repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print the scan result as JSON and nothing else" };
        var allowMassMissing = new Option<bool>("--allow-mass-missing")
        {
            Description = "Confirm that many files really went away, or that the library moved to another disk: mark them missing anyway",
        };
        var command = new Command("scan", "Scan libraries: new, changed, moved and missing files") { library, folders, json, allowMassMissing };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var catalog = services.GetRequiredService<LibraryCatalog>();
            var runner = services.GetRequiredService<ScanRunner>();
            var folderList = parse.GetValue(folders) ?? [];
            var single = parse.GetValue(library) is not null;
            IReadOnlyList<Library> selected = parse.GetValue(library) is { } name
                ? [await LibraryArgument.ResolveAsync(catalog, name, ct)]
                : await catalog.ListAsync(ct);
            if (folderList.Length > 0 && selected.Count != 1)
            {
                throw new ArgumentException("--folder needs a LIBRARY.");
            }

            if (selected.Count == 0)
            {
                throw new ArgumentException("There are no libraries to scan. Add one with `nomarr library add PATH`.");
            }

            var results = new List<ScanResult>();
            var failed = 0;
            foreach (var lib in selected)
            {
                var targets = folderList.Length == 0
                    ? [new ScanTarget(lib.Id)]
                    : folderList.Select(f => LibraryCatalog.ResolveTarget(lib, f)).ToList();
                var allow = parse.GetValue(allowMassMissing);
                ScanResult result;
                try
                {
                    result = parse.GetValue(json) || !AnsiConsole.Profile.Capabilities.Interactive
                        ? await runner.ScanAsync(targets, allow, null, ct)
                        : await ScanWithProgressAsync(runner, lib, targets, allow, ct);
                }
                catch (Exception ex) when (!single && ex is InvalidLibraryRootException or ScanRefusedException or ScanAlreadyRunningException)
                {
                    // One unplugged drive must not keep the other libraries from being scanned.
                    await Console.Error.WriteLineAsync($"nomarr: {lib.Name}: {ex.Message}");
                    failed++;
                    continue;
                }

                if (result.HeldBackReason is { } reason)
                {
                    await Console.Error.WriteLineAsync($"nomarr: {lib.Name}: {reason}");
                }

                results.Add(result);
                if (!parse.GetValue(json))
                {
                    PrintSummary(lib, result);
                }
            }

            if (parse.GetValue(json))
            {
                // One library named: its result; every library: an array of results.
                if (single)
                {
                    Json.Print(results[0]);
                }
                else
                {
                    Json.Print(results);
                }
            }

            return failed == 0 ? 0 : CommandRunner.Failure;
        }));
        return command;
    }

    private static async Task<ScanResult> ScanWithProgressAsync(ScanRunner runner, Library library, IReadOnlyList<ScanTarget> targets, bool allowMassMissing, CancellationToken ct)
    {
        ScanResult? result = null;
        await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(library.Name));
                task.IsIndeterminate = true;
                var progress = new Progress<ScanProgress>(p =>
                {
                    task.Description = Markup.Escape($"{library.Name}: {p.FilesScanned} found, {p.FilesRead}/{p.FilesToRead} read, {p.FilesWritten} written");
                    if (p.FilesToRead > 0)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = p.FilesToRead;
                        task.Value = p.FilesRead;
                    }
                });
                result = await runner.ScanAsync(targets, allowMassMissing, progress, ct);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static void PrintSummary(Library library, ScanResult r)
    {
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]{library.Name}[/] (scan {r.ScanId}, {(r.FullScan ? "full" : "targeted")}): {r.FilesScanned} files, {r.FilesAdded} added, {r.FilesUpdated} updated, {r.FilesUnchanged} unchanged, {r.FilesMoved} moved, {r.FilesMissing} missing, {r.FilesFailed} failed in {r.DurationMs} ms.");
        if (r.Fingerprints == "unavailable")
        {
            AnsiConsole.MarkupLine("  [yellow]fingerprints unavailable[/]: Scanner:Fingerprints is on, but fpcalc is not installed (Debian: libchromaprint-tools)");
        }

        if (r.ResumedFrom is { } resumed)
        {
            AnsiConsole.MarkupLineInterpolated($"  [yellow]resumed[/] interrupted scan {resumed}");
        }

        foreach (var failure in r.Failures.Take(10))
        {
            AnsiConsole.MarkupLineInterpolated($"  [yellow]{failure.Kind}[/] {failure.Path}: {failure.Reason}");
        }

        foreach (var folder in r.UnreadableFolders)
        {
            AnsiConsole.MarkupLineInterpolated($"  [red]unreadable folder[/] {folder}: its files were not marked missing");
        }
    }
}
