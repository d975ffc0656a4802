using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Nomarr.Cli.Hosting;
using Nomarr.Cli.Output;
using Nomarr.Persistence;
using Nomarr.Services.Database;
using Spectre.Console;

namespace Nomarr.Cli.Commands;

/// <summary>`nomarr db status|migrate|copy`: the database's schema, and moving a library database to PostgreSQL.</summary>
internal static class DbCommands
{
    public static Command Build()
    {
        var command = new Command("db", "The database: schema version, migrations, copying to another engine");
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Migrate());
        command.Subcommands.Add(Copy());
        return command;
    }

    private static Command Status()
    {
        var json = new Option<bool>("--json") { Description = "Print {engine, location, version, latest, pending} as JSON" };
        var command = new Command("status", "The engine, the schema version and the migrations not applied yet (applies nothing)") { json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var schema = services.GetRequiredService<IDatabaseSchema>();
            var status = await schema.GetStatusAsync(ct);
            if (parse.GetValue(json))
            {
                Json.Print(new { schema.Engine, schema.Location, status.Version, status.Latest, status.Pending });
                return 0;
            }

            AnsiConsole.MarkupLineInterpolated($"engine:   {schema.Engine}");
            AnsiConsole.MarkupLineInterpolated($"database: {schema.Location}");
            AnsiConsole.MarkupLineInterpolated($"version:  {status.Version} (this build knows {status.Latest})");
            AnsiConsole.MarkupLineInterpolated($"pending:  {(status.Pending.Count == 0 ? "none" : string.Join(", ", status.Pending.Select(m => $"{m.Version} ({m.Name})")))}");
            return 0;
        }));
        return command;
    }

    private static Command Migrate()
    {
        var json = new Option<bool>("--json") { Description = "Print {engine, version, applied} as JSON" };
        var command = new Command("migrate", "Apply the pending migrations now (every command also applies them on first use)") { json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var schema = services.GetRequiredService<IDatabaseSchema>();
            var applied = await schema.MigrateAsync(ct);
            var status = await schema.GetStatusAsync(ct);
            if (parse.GetValue(json))
            {
                Json.Print(new { schema.Engine, status.Version, Applied = applied });
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"{schema.Engine} at version {status.Version}: {(applied.Count == 0 ? "nothing to apply" : "applied " + string.Join(", ", applied.Select(m => $"{m.Version} ({m.Name})")))}.");
            }

            return 0;
        }));
        return command;
    }

    private static Command Copy()
    {
        var from = new Option<string>("--from") { Description = "The database to copy: sqlite:PATH", Required = true };
        var to = new Option<string>("--to") { Description = "An empty database to copy into: postgres:CONNECTION-STRING", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the tables and their row counts as JSON" };
        var command = new Command("copy", "Copy every table, ids included, into an empty database of another engine, and check the row counts") { from, to, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async () =>
        {
            using var source = DatabaseEngine.BuildFor(DatabaseAddress.Parse(parse.GetValue(from)!, "--from"), parse);
            using var target = DatabaseEngine.BuildFor(DatabaseAddress.Parse(parse.GetValue(to)!, "--to"), parse);
            var sourceTables = source.Services.GetRequiredService<IDatabaseTables>();
            var targetTables = target.Services.GetRequiredService<IDatabaseTables>();
            if (sourceTables.Engine == targetTables.Engine)
            {
                throw new ArgumentException($"--from and --to are both {sourceTables.Engine}: db copy moves a database to another engine.");
            }

            // Both at this build's newest schema, so that their tables match column for column.
            await source.Services.GetRequiredService<IDatabaseSchema>().MigrateAsync(ct);
            await target.Services.GetRequiredService<IDatabaseSchema>().MigrateAsync(ct);
            var copied = await DatabaseCopier.CopyAsync(sourceTables, targetTables, ct);
            if (parse.GetValue(json))
            {
                Json.Print(new { Tables = copied });
            }
            else
            {
                foreach (var table in copied)
                {
                    AnsiConsole.MarkupLineInterpolated($"{table.Name}: {table.Rows} rows");
                }

                AnsiConsole.MarkupLineInterpolated($"Copied {copied.Sum(t => t.Rows)} rows; every table's count matches.");
            }

            return 0;
        }));
        return command;
    }
}
