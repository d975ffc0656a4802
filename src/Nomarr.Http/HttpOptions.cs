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
}
