using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Options;
using Nomarr.Components.Identity;
using Nomarr.Components.Reading;
using Nomarr.Components.Tags;
using Nomarr.Components.Walking;
using Nomarr.Workflows.Scanning;

namespace Nomarr.Workflows;

public static class WorkflowExtensions
{
    /// <summary>Registers the scan workflow and the components it uses; the composition root adds a database engine.</summary>
    public static IHostApplicationBuilder AddNomarrWorkflows(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<DirectoryWalker>();
        builder.Services.AddSingleton(services => new ValueSplitter([.. services.GetRequiredService<IOptions<ScannerOptions>>().Value.ArtistSplitExceptions]));
        builder.Services.AddSingleton<TagExtractor>();
        builder.Services.AddSingleton<TagReader>();
        builder.Services.AddSingleton<Nomarr.Components.Artwork.ArtworkReader>();
        builder.Services.AddSingleton<AudioIdentityReader>();
        builder.Services.AddSingleton<DeviceInodes>();
        builder.Services.AddSingleton<Fingerprinter>();
        builder.Services.AddSingleton<AudioFileReader>();
        builder.Services.AddSingleton<ScanComponents>();
        builder.Services.AddSingleton<ScanOwner>();
        builder.Services.AddSingleton<ScanClaims>();
        builder.Services.AddSingleton<ScanLibraryWorkflow>();
        return builder;
    }
}
