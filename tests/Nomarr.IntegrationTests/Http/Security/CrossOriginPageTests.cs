using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Nomarr.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Nomarr.IntegrationTests.Http.Security;

/// <summary>
/// In real Chromium: a page of another origin (a second loopback port) sends what a browser lets any page
/// send to 127.0.0.1 without asking first; none of it changes anything. And Nomarr's own page works
/// under its Content-Security-Policy.
/// </summary>
[Collection(ServeTestGroup.Name)]
public sealed class CrossOriginPageTests : IAsyncLifetime
{
    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();
    private ServeHost _server = null!;
    private WriteHold _hold = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(60_000);
        _hold = new WriteHold(_database.Path);
        _server = await ServeHost.StartAsync(_database.Path, new Dictionary<string, string?> { ["Scanner:BatchSize"] = "1" }, _hold.AddTo);
        _playwright = await Playwright.CreateAsync();
        _browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
        _database.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task APageOfAnotherOriginCanNeitherScanNorAddNorRemoveNorCancel()
    {
        var audio = File.ReadAllBytes(TempLibrary.Fixture(".mp3"));
        for (var i = 0; i < 200; i++)
        {
            _disk.Write($"{i / 20}/{i:000}.mp3", audio);
        }

        var library = await (await _server.Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root, watch = false })).Content.ReadFromJsonAsync<JsonElement>();
        var libraryId = library.GetProperty("id").GetInt64();
        _hold.Arm();
        var accepted = await (await _server.Client.PostAsync(new Uri($"/api/libraries/{libraryId}/scans", UriKind.Relative), ServeHost.NoBody()))
            .Content.ReadFromJsonAsync<JsonElement>();
        var scanId = accepted.GetProperty("scan_id").GetInt64();

        string outcome;
        await using (await _hold.Held.WaitAsync(TimeSpan.FromMinutes(1)))
        {
            // The scan cannot finish while the lock is held: the attack's cancel arrives while it runs.
            await using var attacker = await OtherOrigin.StartAsync(AttackPage(_server.Address.Port, libraryId, scanId));
            var page = await _browser.NewPageAsync();
            await page.GotoAsync(attacker.Address.ToString());
            await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^done"), new() { Timeout = 60_000 });
            outcome = await page.TitleAsync();
            Assert.Equal("running", (await _server.GetJsonAsync($"/api/scans/{scanId}")).GetProperty("status").GetString());
        }

        // The browser did send the requests that need no preflight (a no-cors fetch resolves once answered)...
        foreach (var host in new[] { "127.0.0.1", "localhost" })
        {
            Assert.Contains($"{host}-scan:answered", outcome, StringComparison.Ordinal);
            Assert.Contains($"{host}-add:answered", outcome, StringComparison.Ordinal);
            Assert.Contains($"{host}-read:TypeError", outcome, StringComparison.Ordinal);
        }

        // ...and none of them did anything.
        var run = await _server.WaitForScanAsync(scanId);
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal(1, await DatabaseRows.CountAsync(_database.Path, "scan_runs"));
        Assert.Equal(0, await DatabaseRows.CountAsync(_database.Path, "pending_scan_targets"));
        Assert.Equal(1, await DatabaseRows.CountAsync(_database.Path, "libraries"));
        Assert.Equal(_disk.Root, (await _server.GetJsonAsync($"/api/libraries/{libraryId}")).GetProperty("root_path").GetString());
    }

    [Fact]
    public async Task TheOwnPageRunsUnderItsContentSecurityPolicy()
    {
        var page = await _browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective));");

        await page.GotoAsync(_server.Address.ToString());
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        await page.Locator("#add-path").FillAsync(_disk.Root);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add library" }).ClickAsync();
        await Expect(page.Locator(".library")).ToHaveCountAsync(1);
        await page.Locator(".library").GetByRole(AriaRole.Button, new() { Name = "Scan now" }).ClickAsync();
        await Expect(page.Locator(".library .progress")).ToHaveAttributeAsync("data-finished", "completed", new() { Timeout = 60_000 });

        Assert.Empty(violations);
        Assert.Equal(1, await DatabaseRows.CountAsync(_database.Path, "scan_runs"));
    }

    /// <summary>
    /// What any page can make the browser send to Nomarr on 127.0.0.1 (and on localhost) without a preflight:
    /// an empty POST, a text/plain POST and a form post; plus a DELETE and a read, which need CORS.
    /// </summary>
    private static string AttackPage(int port, long libraryId, long scanId) => $$"""
        <!doctype html>
        <html><head><title>attack</title></head>
        <body>
        <iframe name="sink"></iframe>
        <form id="cancel" method="post" target="sink" action="http://127.0.0.1:{{port}}/api/scans/{{scanId}}/cancel"><input name="x" value="1"></form>
        <script>
        (async () => {
          const results = [];
          async function attempt(name, url, init) {
            try { await fetch(url, init); results.push(name + ':answered'); } catch (e) { results.push(name + ':' + e.name); }
          }
          for (const host of ['127.0.0.1', 'localhost']) {
            const target = `http://${host}:{{port}}`;
            await attempt(host + '-scan', `${target}/api/libraries/{{libraryId}}/scans`, { method: 'POST', mode: 'no-cors' });
            await attempt(host + '-add', `${target}/api/libraries`,
              { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ path: '/tmp' }) });
            await attempt(host + '-delete', `${target}/api/libraries/{{libraryId}}`, { method: 'DELETE' });
            await attempt(host + '-read', `${target}/api/libraries`, {});
          }
          const frame = document.querySelector('iframe');
          await new Promise(resolve => { frame.addEventListener('load', resolve, { once: true }); document.getElementById('cancel').submit(); });
          document.title = 'done ' + results.join(' ');
        })();
        </script>
        </body></html>
        """;
}
