using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Options;

namespace Nomarr.Components.Identity;

/// <summary>
/// Chromaprint fingerprints through the `fpcalc` program (Debian: libchromaprint-tools), of the
/// first two minutes of audio. Optional: without fpcalc, <see cref="IsAvailable"/> is false and
/// everything else works.
/// </summary>
public sealed class Fingerprinter(IOptions<ScannerOptions> options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private readonly Lazy<bool> _available = new(() => Run(options.Value.FpcalcPath, ["-version"], CancellationToken.None) is not null);

    /// <summary>Whether fpcalc can be run (checked once).</summary>
    public bool IsAvailable => _available.Value;

    /// <summary>The fingerprint in fpcalc's compressed text form, or null when the file cannot be fingerprinted (too short, undecodable).</summary>
    public string? Compute(string fullPath, CancellationToken cancellationToken) =>
        IsAvailable && Run(options.Value.FpcalcPath, ["-plain", "-length", "120", fullPath], cancellationToken) is { Length: > 0 } fingerprint
            ? fingerprint
            : null;

    private static string? Run(string program, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using (cancellationToken.Register(() => Kill(process)))
            {
                if (!process.WaitForExit(Timeout))
                {
                    Kill(process);
                    return null;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            var text = output.GetAwaiter().GetResult().Trim();

            // fpcalc exits non-zero when the last frame of a file does not decode, yet prints a good fingerprint.
            return process.ExitCode == 0 || text.Length > 0 ? text : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }
}
