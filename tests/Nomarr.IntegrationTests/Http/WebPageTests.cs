using System.Net.Http.Json;
using Microsoft.Playwright;
using Nomarr.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Nomarr.IntegrationTests.Http;

/// <summary>
/// The page in a real browser: Debian's headless Chromium (apt-get install chromium) driven by
/// Playwright, against the real server on a free loopback port.
/// </summary>
[Collection(ServeTestGroup.Name)]
public sealed class WebPageTests : IAsyncLifetime
{

    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();
    private ServeHost _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        // Generous: the machine may be busy with other tests; a real failure still fails, only later.
        SetDefaultExpectTimeout(60_000);
        _server = await ServeHost.StartAsync(_database.Path, new Dictionary<string, string?> { ["Scanner:BatchSize"] = "10" });
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
    public async Task AUserAddsALibraryClicksScanNowWatchesTheProgressAndSeesTheCounts()
    {
        var audio = File.ReadAllBytes(TempLibrary.Fixture(".mp3"));
        for (var i = 0; i < 200; i++)
        {
            _disk.Write($"Artist {i / 50}/Album/{i:000}.mp3", audio);
        }

        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_server.Address.ToString());
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");

        await page.Locator("#add-path").FillAsync(_disk.Root);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add library" }).ClickAsync();
        var library = page.Locator(".library");
        await Expect(library).ToHaveCountAsync(1);
        await Expect(library.Locator(".scan-state")).ToHaveTextAsync("idle");
        await Expect(library.Locator(".progress")).ToBeHiddenAsync();

        await library.GetByRole(AriaRole.Button, new() { Name = "Scan now" }).ClickAsync();

        var progress = library.Locator(".progress");
        await Expect(progress).ToBeVisibleAsync();
        await Expect(progress).ToHaveAttributeAsync("data-finished", "completed", new() { Timeout = 60_000 });
        Assert.True(int.Parse(await progress.GetAttributeAsync("data-events") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0);
        await Expect(library.Locator(".result")).ToContainTextAsync("200 scanned, 200 added");
        await Expect(progress.Locator("progress")).ToHaveJSPropertyAsync("value", 1);
        var run = page.Locator("#scans tbody tr").First;
        await Expect(run).ToContainTextAsync("completed");
        await Expect(run.Locator("td").Nth(4)).ToHaveTextAsync("200");
        await Expect(run.Locator("td").Last).ToHaveTextAsync(Nomarr.Helpers.Options.NodeOptions.DefaultName);
        await Expect(library.Locator(".scan-state")).ToHaveTextAsync("idle");
    }

    [Fact]
    public async Task TheCancelButtonStopsARunningScan()
    {
        var audio = File.ReadAllBytes(TempLibrary.Fixture(".mp3"));
        for (var i = 0; i < 3000; i++)
        {
            _disk.Write($"{i / 100}/{i:0000}.mp3", audio);
        }

        var hold = new WriteHold(_database.Path + ".cancel.db");
        await using var server = await ServeHost.StartAsync(_database.Path + ".cancel.db", new Dictionary<string, string?> { ["Scanner:BatchSize"] = "1" }, hold.AddTo);
        try
        {
            (await server.Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root, watch = false })).EnsureSuccessStatusCode();
            var page = await _browser.NewPageAsync();
            await page.GotoAsync(server.Address.ToString());
            await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
            var library = page.Locator(".library");
            hold.Arm();

            await library.GetByRole(AriaRole.Button, new() { Name = "Scan now" }).ClickAsync();
            await using (await hold.Held.WaitAsync(TimeSpan.FromMinutes(1)))
            {
                // The scan cannot finish while the lock is held: the button is there, and it is pressed mid-scan.
                await library.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
                await Expect(library.Locator(".result")).ToContainTextAsync("cancelling");
            }

            await Expect(library.Locator(".progress")).ToHaveAttributeAsync("data-finished", "cancelled", new() { Timeout = 60_000 });
            await Expect(library.Locator(".result")).ToContainTextAsync("cancelled");
            await Expect(page.Locator("#scans tbody tr").First.Locator("td").Nth(2)).ToHaveTextAsync("cancelled");
            await page.CloseAsync();
        }
        finally
        {
            await server.DisposeAsync();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_database.Path + ".cancel.db" + suffix);
            }
        }
    }

    [Fact]
    public async Task WithAnApiKeyThePageAsksForItOnceAndThenWorks()
    {
        await using var locked = await ServeHost.StartAsync(_database.Path + ".key.db", new Dictionary<string, string?> { ["Http:ApiKey"] = "s3cret" });
        try
        {
            var page = await _browser.NewPageAsync();
            await page.GotoAsync(locked.Address.ToString());
            await Expect(page.Locator("#key-form")).ToBeVisibleAsync();
            await Expect(page.Locator("#connection")).Not.ToHaveAttributeAsync("data-state", "live");

            await page.Locator("#key").FillAsync("s3cret");
            await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();

            await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
            await Expect(page.Locator("#key-form")).ToBeHiddenAsync();
            await Expect(page.Locator("#no-libraries")).ToBeVisibleAsync();
        }
        finally
        {
            await locked.DisposeAsync();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_database.Path + ".key.db" + suffix);
            }
        }
    }

    [Fact]
    public async Task EachLibraryShowsHowItsChangesAreSeenAndWhy()
    {
        using var polled = new TempLibrary();
        (await _server.Client.PostAsJsonAsync("/api/libraries", new { path = polled.Root, watch_mode = "poll", poll_seconds = 1 })).EnsureSuccessStatusCode();
        (await _server.Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root })).EnsureSuccessStatusCode();

        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_server.Address.ToString());
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");

        var modes = page.Locator(".library .watch-mode");
        await Expect(modes.Nth(0)).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^poll every [\d.]+ s, last round [\d.]+ ms"));
        await Expect(modes.Nth(0)).ToContainTextAsync("set to poll for this library");
        await Expect(modes.Nth(1)).ToContainTextAsync("inotify");
        await Expect(modes.Nth(1)).ToContainTextAsync("a local filesystem");
    }

    [Fact]
    public async Task ATargetedScanFromTheFolderFieldScansOnlyThatFolder()
    {
        var audio = File.ReadAllBytes(TempLibrary.Fixture(".mp3"));
        _disk.Write("Rock/1.mp3", audio);
        _disk.Write("Rock/2.mp3", audio);
        _disk.Write("Jazz/3.mp3", audio);

        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_server.Address.ToString());
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        await page.Locator("#add-path").FillAsync(_disk.Root);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add library" }).ClickAsync();
        var library = page.Locator(".library");

        await library.Locator(".folder").FillAsync("Rock");
        await library.GetByRole(AriaRole.Button, new() { Name = "Scan now" }).ClickAsync();

        await Expect(library.Locator(".progress")).ToHaveAttributeAsync("data-finished", "completed", new() { Timeout = 60_000 });
        await Expect(library.Locator(".result")).ToContainTextAsync("2 scanned, 2 added");
        await Expect(page.Locator("#scans tbody tr").First.Locator("td").Nth(3)).ToHaveTextAsync("Rock");
    }
}
