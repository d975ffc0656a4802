using System.Diagnostics;
using System.Text.Json;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>Tags a file as Picard does, with mutagen (python3-mutagen, installed by scripts/install-test-deps.sh).</summary>
public static class PicardWriter
{
    private const string Python = "/usr/bin/python3";
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Tags", "picard_tag.py");
    private static readonly Lazy<bool> Installed = new(() => Run("-c", "import mutagen").ExitCode == 0);

    public static bool IsAvailable => File.Exists(Python) && Installed.Value;

    public static void Write(string path, IReadOnlyDictionary<string, string[]> tags)
    {
        var (exitCode, error) = Run(Script, path, JsonSerializer.Serialize(tags));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"mutagen could not tag {path}: {error}");
        }
    }

    private static (int ExitCode, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit(60_000);
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
