using System.Diagnostics;
using System.Net.Sockets;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>File-system objects .NET cannot make on its own (FIFOs, sockets), made with the system's tools.</summary>
public static class Posix
{
    public static void MakeFifo(string path) => Run("mkfifo", path);

    /// <summary>A listening Unix socket at the path; dispose of it to close it (the file stays).</summary>
    public static Socket MakeSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen();
        return socket;
    }

    public static bool IsRoot => Environment.UserName == "root";

    public static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {error}");
    }

    /// <summary>
    /// A stand-in for fpcalc that answers -version at once and sleeps on every file, like a read stuck on a
    /// dead share; it creates "fpcalc-hangs.reading" beside itself when it starts on a file.
    /// </summary>
    public static string HangingFpcalc(string folder)
    {
        var path = Path.Combine(folder, "fpcalc-hangs");
        File.WriteAllText(path, "#!/bin/sh\nif [ \"$1\" = -version ]; then echo 'fpcalc version 1.5.1'; exit 0; fi\ntouch \"$0.reading\"\nexec sleep 120\n");
        Run("chmod", "+x", path);
        return path;
    }
}
