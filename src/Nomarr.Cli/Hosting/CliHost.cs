using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nomarr.Helpers.Options;
using Nomarr.Services;

namespace Nomarr.Cli.Hosting;

/// <summary>
/// Builds the services for one command. Settings come, later ones winning, from appsettings.json and
/// config.yaml beside the binary, appsettings.json and config.yaml in the data folder, NOMARR_* environment variables
/// (NOMARR_Scanner__BatchSize=500; NOMARR_DB for the database file), and the command line
/// (--db, --set Section:Key=Value).
/// </summary>
internal static class CliHost
{
    /// <summary>The services of a one-shot command (every command but `serve`), without a host: see <see cref="OneShotBuilder"/>.</summary>
    public static ServiceProvider Build(ParseResult parseResult)
    {
        var builder = new OneShotBuilder();
        Configure(builder.Configuration, parseResult);
        ConfigureLogging(builder.Logging, builder.Configuration, parseResult, serving: false);
        builder.AddNomarrDatabase();
        builder.AddNomarrServices();
        return builder.Build();
    }

    /// <summary>
    /// Commands log warnings to stderr (stdout is for results and JSON); the server logs what it does.
    /// </summary>
    public static void ConfigureLogging(ILoggingBuilder logging, IConfiguration configuration, ParseResult parseResult, bool serving)
    {
        logging.ClearProviders();
        var verbose = parseResult.GetValue(GlobalOptions.Verbose);
        logging.SetMinimumLevel(serving || verbose ? LogLevel.Information : LogLevel.Warning);
        if (verbose)
        {
            // Nomarr's own debug messages carry the stack traces of failures.
            logging.AddFilter("Nomarr", LogLevel.Debug);
        }
        logging.AddConfiguration(configuration.GetSection("Logging"));
        logging.AddSimpleConsole(o => o.SingleLine = true);
        if (!serving)
        {
            logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
    }

    public static void Configure(IConfigurationBuilder configuration, ParseResult parseResult)
    {
        var dataFolder = Path.GetDirectoryName(DatabaseOptions.DefaultPath)!;
        configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddYamlFile(Path.Combine(AppContext.BaseDirectory, "config.yaml"), optional: true, reloadOnChange: false)
            .AddJsonFile(Path.Combine(dataFolder, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddYamlFile(Path.Combine(dataFolder, "config.yaml"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables("NOMARR_");

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (Environment.GetEnvironmentVariable("NOMARR_DB") is { Length: > 0 } envDb)
        {
            overrides["Database:Path"] = envDb;
        }

        foreach (var setting in parseResult.GetValue(GlobalOptions.Set) ?? [])
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--set takes Section:Key=Value, not '{setting}'.");
            }

            overrides[setting[..equals].Trim()] = setting[(equals + 1)..];
        }

        if (parseResult.GetValue(GlobalOptions.Database) is { Length: > 0 } db)
        {
            overrides["Database:Path"] = db;
        }

        configuration.AddInMemoryCollection(overrides);
    }
}
