using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Nomarr.Cli.Hosting;
using Nomarr.Cli.Output;
using Nomarr.Services.Nodes;
using Spectre.Console;

namespace Nomarr.Cli.Commands;

/// <summary>`nomarr nodes`: the `nomarr serve` processes sharing the database, alive or gone, and the libraries each serves.</summary>
internal static class NodesCommand
{
    public static Command Build()
    {
        var json = new Option<bool>("--json") { Description = "Print the nodes as a JSON array" };
        var command = new Command("nodes", "The Nomarr nodes sharing this database: last heartbeat, alive or gone, libraries served") { json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async services =>
        {
            var nodes = await services.GetRequiredService<NodeService>().ListAsync(ct);
            if (parse.GetValue(json))
            {
                Json.Print(nodes);
                return 0;
            }

            if (nodes.Count == 0)
            {
                AnsiConsole.WriteLine("No node has run `nomarr serve` on this database yet.");
                return 0;
            }

            var table = new Table().AddColumns("Node", "State", "Last heartbeat", "Started", "Version", "Libraries");
            foreach (var n in nodes)
            {
                table.AddRow(
                    Markup.Escape(n.Name),
                    n.Alive ? "alive" : "gone",
                    n.LastHeartbeatAt.ToLocalTime().ToString("G", CultureInfo.CurrentCulture),
                    n.StartedAt.ToLocalTime().ToString("G", CultureInfo.CurrentCulture),
                    Markup.Escape(n.Version),
                    string.Join(", ", n.Libraries));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
