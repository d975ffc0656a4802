using System.Text.Json;
using Nomarr.Helpers.Json;

namespace Nomarr.Cli.Output;

internal static class Json
{
    public static void Print<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, NomarrJson.Indented));
}
