using Microsoft.AspNetCore.Http.HttpResults;
using Nomarr.Helpers.Libraries;
using Nomarr.Http.Problems;

namespace Nomarr.Http.Libraries;

/// <summary>The watch fields of a library request, checked: a known mode, a poll period in range.</summary>
internal static class WatchRequest
{
    public const int MaxPollSeconds = 86_400;

    /// <summary>Null when both are valid (an absent mode stays null), or the problem to answer with.</summary>
    public static ValidationProblem? Check(string? watchMode, int? pollSeconds, int minPollSeconds, out WatchMode? mode)
    {
        mode = null;
        if (watchMode is not null)
        {
            if (!Enum.TryParse<WatchMode>(watchMode, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(watchMode, out _))
            {
                return Problem.Invalid("watch_mode", "watch_mode is one of auto, inotify, poll or off.");
            }

            mode = parsed;
        }

        if (pollSeconds is { } seconds && (seconds < minPollSeconds || seconds > MaxPollSeconds))
        {
            return Problem.Invalid("poll_seconds", $"poll_seconds is between {minPollSeconds} and {MaxPollSeconds}.");
        }

        return null;
    }
}
