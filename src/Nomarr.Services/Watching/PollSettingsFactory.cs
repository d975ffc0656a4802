using Microsoft.Extensions.Options;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Options;
using Nomarr.Services.Scanning;
using Nomarr.Workflows.Watching;

namespace Nomarr.Services.Watching;

/// <summary>Makes the <see cref="PollSettings"/> of a library: its own period or Watcher:PollSeconds, and Watcher:PollTimeoutSeconds.</summary>
public sealed class PollSettingsFactory(PollRound round, RunningScans scans, IOptions<WatcherOptions> options, TimeProvider time)
{
    internal PollSettings For(Library library) =>
        new(TimeSpan.FromSeconds(library.PollSeconds ?? options.Value.PollSeconds), options.Value.PollTimeout, round, scans, time);
}
