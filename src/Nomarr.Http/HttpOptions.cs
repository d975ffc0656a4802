using System.ComponentModel.DataAnnotations;

namespace Nomarr.Http;

/// <summary>Section "Http".</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Where `nomarr serve` listens; loopback unless told otherwise.</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:8356";

    /// <summary>When set, every API call needs it in the X-Api-Key header.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Host names (";"-separated, "*" for any) answered besides the loopback ones; see docs/security.md.
    /// Unset on a non-loopback bind, any host is answered.
    /// </summary>
    public string? AllowedHosts { get; set; }

    /// <summary>When not empty, the API adds only libraries inside these folders.</summary>
    public IList<string> AllowedRoots { get; } = [];

    /// <summary>Clients of /api/events at once; one more is answered 503.</summary>
    [Range(1, 10_000)]
    public int MaxEventSubscribers { get; set; } = 32;
}
