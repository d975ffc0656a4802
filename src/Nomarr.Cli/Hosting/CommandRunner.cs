using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Options;
using Nomarr.Helpers.Paths;
using Nomarr.Persistence;

namespace Nomarr.Cli.Hosting;

/// <summary>Runs a command's body with its services, and turns the errors a user can cause into one line on stderr and exit code 1.</summary>
internal static class CommandRunner
{
    public const int Failure = 1;

    public static Task<int> RunAsync(ParseResult parseResult, Func<IServiceProvider, Task<int>> body) =>
        RunAsync(parseResult, async () =>
        {
            await using var services = CliHost.Build(parseResult);
            ValidateOptions(services);
            return await body(services);
        });

    /// <summary>Runs a body that builds its own host (`serve`).</summary>
    public static async Task<int> RunAsync(ParseResult parseResult, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        try
        {
            return await body();
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("Cancelled.");
            return 130;
        }
        catch (Exception ex) when (SettingErrors.Describe(ex) is { } settings)
        {
            await Console.Error.WriteLineAsync("nomarr: " + settings);
            return Failure;
        }
        catch (Exception ex) when (ex is LibraryNotFoundException or InvalidLibraryRootException or LibraryRootRefusedException or LibraryAlreadyExistsException or InvalidScanPathException
                                       or ScanAlreadyRunningException or ScanRefusedException or DatabaseCopyException or ArgumentException or ChangeCursorExpiredException
                                       or PersistenceException or LeaseLostException or UnauthorizedAccessException or IOException)
        {
            await Console.Error.WriteLineAsync("nomarr: " + ex.Message);
            return Failure;
        }
#pragma warning disable CA1031 // The last resort of a command line: one line, and the stack trace only when asked for.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync(parseResult.GetValue(GlobalOptions.Verbose)
                ? "nomarr: " + ex
                : $"nomarr: {ex.Message} (run with -v for the details)");
            return Failure;
        }
    }

    private static void ValidateOptions(IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        _ = services.GetRequiredService<IOptions<ScannerOptions>>().Value;
    }
}
