using System.CommandLine;
using System.Runtime.InteropServices;
using Nomarr.Cli.Commands;
using Spectre.Console;

// Text for a pipe, a file or NO_COLOR (https://no-color.org) carries no escape sequences.
if (Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 })
{
    AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(Console.Out),
    });

    // A pipe has no width: tables get room enough for their rows, or $COLUMNS.
    if (Console.IsOutputRedirected)
    {
        AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : 160;
    }
}

// Ctrl-C and SIGTERM cancel the command's token instead of killing the process: a scan stops at its
// next batch and is recorded as cancelled, `serve` stops gracefully. A second signal ends it at once.
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await NomarrCommandLine.Build().Parse(args).InvokeAsync(invocation, stop.Token);

void OnSignal(PosixSignalContext context)
{
    context.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
}
