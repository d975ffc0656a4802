using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>
/// The real `nomarr serve` executable on a free loopback port, with its settings in the environment as
/// a user would set them; an HttpClient on it, and its /api/events stream read in the background.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "nomarr.exe" : "nomarr");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<(string Type, JsonElement Data)> _events = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _reading = Task.CompletedTask;

    private ServeProcess(Process process) => _process = process;

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public int ProcessId => _process.Id;

    /// <summary>Events read so far from /api/events, oldest first.</summary>
    public IReadOnlyList<(string Type, JsonElement Data)> Events => [.. _events];

    public string Output => string.Join('\n', _output);

    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "serve", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var serve = new ServeProcess(Process.Start(start)!);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        serve._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            serve._output.Enqueue(line);
            var at = line.IndexOf("Now listening on: ", StringComparison.Ordinal);
            if (at >= 0)
            {
                listening.TrySetResult(new Uri(line[(at + "Now listening on: ".Length)..].Trim()));
            }
        };
        serve._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                serve._output.Enqueue(line);
            }
        };
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        try
        {
            serve.Client.BaseAddress = await listening.Task.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            await serve.DisposeAsync();
            throw new TimeoutException("nomarr serve did not start listening:\n" + serve.Output);
        }

        await serve.ListenAsync();
        return serve;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> PostJsonAsync(string path)
    {
        using var body = new StringContent(string.Empty, System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri(path, UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits until the event stream has an event of the type that matches.</summary>
    public async Task<JsonElement> WaitForEventAsync(string type, Func<JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (t, data) in _events)
            {
                if (t == type && match(data))
                {
                    return data;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No {type} event came in {Patience.TotalSeconds} s; events: {string.Join(", ", _events.Select(e => e.Type))}");
    }

    /// <summary>SIGKILL: no shutdown, no lease released, like a crash or a pulled plug.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Kill();
        try
        {
            await _reading;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
        }

        Client.Dispose();
        _process.Dispose();
        _stopping.Dispose();
    }

    // Subscribes before anything is asked of the node: "ready" says the subscription is live.
    private async Task ListenAsync()
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reading = Task.Run(async () =>
        {
            using var response = await Client.GetAsync(new Uri("/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, _stopping.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stopping.Token));
            string? type = null;
            while (await reader.ReadLineAsync(_stopping.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && type is not null)
                {
                    _events.Enqueue((type, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()));
                    if (type == "ready")
                    {
                        ready.TrySetResult();
                    }

                    type = null;
                }
            }
        });
        await ready.Task.WaitAsync(Patience);
    }
}
