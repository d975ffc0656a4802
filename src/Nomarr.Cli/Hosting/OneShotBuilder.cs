using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nomarr.Cli.Hosting;

/// <summary>
/// The services of a one-shot command without a host: configuration, logging and the registrations
/// of every layer, built into a service provider that creates each service when the command first
/// asks for it. A command has no lifetime to manage, no hosted service to start and no environment
/// to read, so it does not pay for the generic host's (its lifetime, console signal handlers, host
/// options and the code compiled just in time for them; BENCHMARKS.md). `serve` keeps the web host.
/// </summary>
internal sealed class OneShotBuilder : IHostApplicationBuilder
{
    private readonly ServiceCollection _services = new();

    public OneShotBuilder()
    {
        var configuration = new ConfigurationManager();
        Configuration = configuration;
        Environment = new OneShotEnvironment();
        Logging = new Builder(_services);
        Metrics = new Builder(_services);

        // Registered through a factory, so that the service provider owns and disposes it.
        _services.AddSingleton<IConfiguration>(_ => configuration);
        _services.AddSingleton(Environment);
        _services.AddLogging();
    }

    public IDictionary<object, object> Properties { get; } = new Dictionary<object, object>();

    public IConfigurationManager Configuration { get; }

    public IHostEnvironment Environment { get; }

    public ILoggingBuilder Logging { get; }

    public IMetricsBuilder Metrics { get; }

    public IServiceCollection Services => _services;

    public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null)
        where TContainerBuilder : notnull =>
        throw new NotSupportedException("One-shot commands use the default service provider.");

    public ServiceProvider Build() => _services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = false });

    private sealed class Builder(IServiceCollection services) : ILoggingBuilder, IMetricsBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    private sealed class OneShotEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "nomarr";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
