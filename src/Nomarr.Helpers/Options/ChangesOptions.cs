using System.ComponentModel.DataAnnotations;

namespace Nomarr.Helpers.Options;

/// <summary>Section "Changes": the change feed.</summary>
public sealed class ChangesOptions
{
    public const string Section = "Changes";

    /// <summary>Days a change stays in the log; a reader further behind is told to re-read all files.</summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 30;
}
