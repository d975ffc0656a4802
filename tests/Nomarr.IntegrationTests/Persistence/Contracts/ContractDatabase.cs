using Microsoft.Extensions.DependencyInjection;
using Nomarr.Persistence;

namespace Nomarr.IntegrationTests.Persistence.Contracts;

/// <summary>One fresh database of an engine, and the ports the engine registered for it.</summary>
public abstract class ContractDatabase : IAsyncDisposable
{
    public abstract IServiceProvider Services { get; }

    public ILibraryRepository Libraries => Services.GetRequiredService<ILibraryRepository>();

    public ILibraryFileRepository Files => Services.GetRequiredService<ILibraryFileRepository>();

    public IPendingScanRepository Pending => Services.GetRequiredService<IPendingScanRepository>();

    public IScanLedger Ledger => Services.GetRequiredService<IScanLedger>();

    public IFileChangeLog Changes => Services.GetRequiredService<IFileChangeLog>();

    public INodeRegistry Nodes => Services.GetRequiredService<INodeRegistry>();

    public IScanSignals Signals => Services.GetRequiredService<IScanSignals>();

    public abstract ValueTask DisposeAsync();
}
