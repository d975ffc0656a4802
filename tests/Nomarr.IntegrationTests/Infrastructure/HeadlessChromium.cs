using Microsoft.Playwright;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>Debian's Chromium (scripts/install-test-deps.sh installs it), headless, as every page test drives it.</summary>
public static class HeadlessChromium
{
    private const string Executable = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
    }
}
