using Nomarr.Services.Scanning;
using Nomarr.Workflows.Watching;

namespace Nomarr.Services.Watching;

/// <summary>What a <see cref="LibraryPoller"/> needs: its period, how long a round may go without an answer, and its collaborators.</summary>
internal sealed record PollSettings(TimeSpan Period, TimeSpan Timeout, PollRound Round, RunningScans Scans, TimeProvider Time);
