namespace Nomarr.IntegrationTests.Http;

/// <summary>The tests that run whole servers and scans (and a browser) take turns, so that none starves another of the two cores.</summary>
[CollectionDefinition(Name)]
public sealed class ServeTestGroup
{
    public const string Name = "serve";
}
