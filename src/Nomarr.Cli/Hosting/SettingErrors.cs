using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Nomarr.Cli.Hosting;

/// <summary>Says which setting is wrong, by its configuration key, instead of by the options class.</summary>
internal static partial class SettingErrors
{
    /// <summary>
    /// "invalid setting: Scanner:BatchSize: The field BatchSize must be between 1 and 100000." for a
    /// value out of range, or a value of the wrong type ("ten" for a number); null for other errors.
    /// </summary>
    public static string? Describe(Exception exception)
    {
        var errors = exception is AggregateException many ? many.Flatten().InnerExceptions.ToList() : [exception];
        var lines = new List<string>();
        foreach (var error in errors)
        {
            if (error is OptionsValidationException invalid)
            {
                lines.AddRange(Describe(invalid));
            }
            else if (error is InvalidOperationException && error.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
            {
                lines.Add(error.Message);
            }
            else
            {
                return null;
            }
        }

        return lines.Count == 0 ? null : "invalid setting: " + string.Join("; ", lines);
    }

    private static IEnumerable<string> Describe(OptionsValidationException exception)
    {
        var section = exception.OptionsType.Name.EndsWith("Options", StringComparison.Ordinal)
            ? exception.OptionsType.Name[..^"Options".Length]
            : exception.OptionsType.Name;
        return exception.Failures.Select(failure =>
            DataAnnotationFailure().Match(failure) is { Success: true } match
                ? $"{section}:{match.Groups["key"].Value}: {match.Groups["error"].Value}"
                : failure);
    }

    [GeneratedRegex("members: '(?<key>[^']+)' with the error: '(?<error>.*)'\\.?$")]
    private static partial Regex DataAnnotationFailure();
}
