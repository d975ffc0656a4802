using Nomarr.Http;
using Nomarr.Http.Security;

namespace Nomarr.UnitTests.Http;

public sealed class HostNamesTests
{
    [Fact]
    public void ALoopbackBindAnswersOnlyTheLoopbackNames() =>
        Assert.Equal(["localhost", "127.0.0.1", "[::1]"], HostNames.Allowed(new HttpOptions { Urls = "http://127.0.0.1:8356" }));

    [Fact]
    public void AllowedHostsAreAddedToTheLoopbackNames() =>
        Assert.Equal(
            ["localhost", "127.0.0.1", "[::1]", "music.example", "*.home.arpa"],
            HostNames.Allowed(new HttpOptions { Urls = "http://0.0.0.0:8356", AllowedHosts = " music.example ;*.home.arpa;" }));

    [Fact]
    public void AWiderBindWithoutAllowedHostsAnswersAnyName() =>
        Assert.Equal(["*"], HostNames.Allowed(new HttpOptions { Urls = "http://127.0.0.1:8356;http://0.0.0.0:9000" }));
}
