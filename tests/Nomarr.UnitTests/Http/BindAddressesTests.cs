using Nomarr.Http.Security;

namespace Nomarr.UnitTests.Http;

public sealed class BindAddressesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8356")]
    [InlineData("http://localhost:8356")]
    [InlineData("http://[::1]:8356")]
    [InlineData("http://127.0.0.1:8356;http://[::1]:8356")]
    public void LoopbackAddressesAreNotOpen(string urls) => Assert.Empty(BindAddresses.NonLoopback(urls));

    [Theory]
    [InlineData("http://0.0.0.0:8356")]
    [InlineData("http://*:8356")]
    [InlineData("http://+:8356")]
    [InlineData("http://[::]:8356")]
    [InlineData("http://192.168.1.20:8356")]
    [InlineData("http://nas.local:8356")]
    public void WildcardsLanAddressesAndHostNamesAreOpen(string urls) => Assert.Equal([urls], BindAddresses.NonLoopback(urls));

    [Fact]
    public void OnlyTheOpenOnesOfSeveralUrlsAreReported() =>
        Assert.Equal(["http://0.0.0.0:9000"], BindAddresses.NonLoopback("http://127.0.0.1:8356; http://0.0.0.0:9000"));
}
