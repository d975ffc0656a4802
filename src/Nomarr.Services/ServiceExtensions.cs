using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nomarr.Helpers.Options;
using Nomarr.Persistence;
using Nomarr.Services.Changes;
using Nomarr.Services.Events;
using Nomarr.Services.Libraries;
using Nomarr.Services.Nodes;
using Nomarr.Services.Scanning;
using Nomarr.Services.Status;
using Nomarr.Services.Watching;
using Nomarr.Workflows;
using Nomarr.Workflows.Watching;

namespace Nomarr.Services;

public static class ServiceExtensions
{
    /// <summary>Registers the services and every layer below them, with options bound from configuration.</summary>
    public static IHostApplicationBuilder AddNomarrServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddNomarrWorkflows();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ScannerOptions>().BindConfiguration(ScannerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RunningScans>();
        builder.Services.AddSingleton<LibraryCatalog>();
        builder.Services.AddSingleton<LibraryFiles>();
        builder.Services.AddSingleton<ScanRunner>();
        builder.Services.AddSingleton<ScanHistory>();
        builder.Services.AddSingleton<ArtworkService>();
        builder.Services.AddSingleton<PlaylistService>();
        builder.Services.AddSingleton<EventHub>();
        builder.Services.AddOptions<ChangesOptions>().BindConfiguration(ChangesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ChangeFeedService>();
        builder.Services.AddSingleton<IFileChangeListener, FilesChangedPublisher>();
        builder.Services.AddSingleton<ScanOutcomePublisher>();
        builder.Services.AddSingleton<ScanWorkers>();
        builder.Services.AddSingleton<ScanIntake>();
        builder.Services.AddSingleton<StatusService>();
        builder.Services.AddSingleton<NodeService>();
        return builder;
    }

    /// <summary>Runs queued scans in the background for the lifetime of the host (`nomarr serve`).</summary>
    public static IHostApplicationBuilder AddNomarrBackgroundScans(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<BackgroundScanService>();
        builder.Services.AddHostedService<InterruptedScanResumer>();
        builder.Services.AddHostedService<NodeHeartbeatService>();
        builder.Services.AddHostedService<RemoteScanRelay>();
        return builder;
    }

    /// <summary>
    /// Watches libraries for changes and scans them periodically, for the lifetime of the host (`nomarr serve`);
    /// settings in the "Watcher" section and Scanner:PeriodicScanHours.
    /// </summary>
    public static IHostApplicationBuilder AddNomarrWatchers(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WatcherOptions>().BindConfiguration(WatcherOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PollRound>();
        builder.Services.AddSingleton<PollSettingsFactory>();
        builder.Services.AddSingleton<FileWatcherService>();
        builder.Services.AddHostedService<WatcherEventRelay>();
        builder.Services.AddHostedService(services => services.GetRequiredService<FileWatcherService>());
        builder.Services.AddHostedService<PeriodicScanService>();
        return builder;
    }
}
