using Microsoft.Extensions.Options;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Options;
using Nomarr.Persistence;

namespace Nomarr.Services.Nodes;

/// <summary>
/// This process as a node among those sharing the database: its name, which libraries it may scan,
/// pinning libraries to nodes, and the list of nodes from their heartbeats (docs/decisions/0012-nodes.md).
/// </summary>
public sealed class NodeService(ILibraryRepository libraries, INodeRegistry registry, IOptions<NodeOptions> options, TimeProvider time)
{
    private static readonly TimeSpan RootCheckTimeout = TimeSpan.FromSeconds(5);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<bool>> _looks = new(StringComparer.Ordinal);

    private readonly NodeOptions _options = options.Value;

    /// <summary>Raised when a library was pinned here, or libraries changed on another node (seen through the database).</summary>
    public event EventHandler? LibrariesChanged;

    public string Name => _options.Name;

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public TimeSpan GoneAfter => TimeSpan.FromSeconds(_options.GoneAfterSeconds);

    /// <summary>Pins the library to <paramref name="node"/>, or unpins it with null; a node need not be running to be named.</summary>
    /// <exception cref="ArgumentException">Not a node name.</exception>
    /// <exception cref="LibraryNotFoundException">There is no such library.</exception>
    public async Task<Library> PinAsync(long libraryId, string? node, CancellationToken cancellationToken)
    {
        var name = node is null ? null : NodeNames.Check(node);
        if (!await libraries.SetNodeAsync(libraryId, name, cancellationToken))
        {
            throw new LibraryNotFoundException(libraryId);
        }

        OnLibrariesChanged();
        return await libraries.GetAsync(libraryId, cancellationToken) ?? throw new LibraryNotFoundException(libraryId);
    }

    /// <summary>
    /// Whether this node scans the library: a pinned library on its node alone; an unpinned one where its
    /// root is a folder here, or, where it is not, when no other alive node says it sees it (the scan then
    /// fails with the root's error, as it does with one node).
    /// </summary>
    public async Task<bool> MayScanAsync(Library library, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (library.Node is not null)
        {
            return !IsPinnedElsewhere(library);
        }

        if (await SeesRootAsync(library, cancellationToken))
        {
            return true;
        }

        var others = await registry.ListAsync(GoneAfter, cancellationToken);
        return !others.Any(n => n.Alive && !string.Equals(n.Name, Name, StringComparison.Ordinal) && n.Serves.Contains(library.Id));
    }

    /// <summary>Whether the library is pinned to a node other than this one: only that node scans it.</summary>
    public bool IsPinnedElsewhere(Library library)
    {
        ArgumentNullException.ThrowIfNull(library);
        return library.Node is { } pinned && !string.Equals(pinned, Name, StringComparison.Ordinal);
    }

    /// <summary>
    /// The libraries this node serves: pinned to it, or unpinned with their root a folder here. The roots are
    /// looked at together, so that several hung shares cost one root check's timeout, not one each, and the
    /// heartbeat that reports them keeps its pace.
    /// </summary>
    public async Task<IReadOnlyList<long>> ServedHereAsync(CancellationToken cancellationToken)
    {
        var looks = (await libraries.ListAsync(cancellationToken)).Select(async library =>
            (library.Id, Served: library.Node is not null ? !IsPinnedElsewhere(library) : await SeesRootAsync(library, cancellationToken)));
        return (await Task.WhenAll(looks)).Where(l => l.Served).Select(l => l.Id).ToList();
    }

    /// <summary>Every node that heartbeated, with the libraries it serves: those pinned to it and those it reported.</summary>
    public async Task<IReadOnlyList<NodeStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await libraries.ListAsync(cancellationToken);
        var nodes = await registry.ListAsync(GoneAfter, cancellationToken);
        return
        [
            .. nodes.Select(n => new NodeStatus(
                n.Name,
                n.Version,
                n.StartedAt,
                n.LastHeartbeatAt,
                n.Alive,
                string.Equals(n.Name, Name, StringComparison.Ordinal),
                [.. all.Where(l => l.Node is { } pinned ? string.Equals(pinned, n.Name, StringComparison.Ordinal) : n.Serves.Contains(l.Id)).Select(l => l.Id)])),
        ];
    }

    internal Task HeartbeatAsync(string version, IReadOnlyList<long> serves, CancellationToken cancellationToken) =>
        registry.HeartbeatAsync(Name, StartedAt, version, serves, cancellationToken);

    internal void OnLibrariesChanged() => LibrariesChanged?.Invoke(this, EventArgs.Empty);

    // A dead network share can hang a stat: off the caller's thread, and not seen when it takes too long.
    // One look per root at a time: while a stat hangs, later checks wait on it instead of blocking
    // another pool thread each (the heartbeat checks every library every few seconds).
    private async Task<bool> SeesRootAsync(Library library, CancellationToken cancellationToken)
    {
        var looking = _looks.AddOrUpdate(
            library.RootPath,
            static root => Task.Run(() => Directory.Exists(root), CancellationToken.None),
            static (root, previous) => previous.IsCompleted ? Task.Run(() => Directory.Exists(root), CancellationToken.None) : previous);
        try
        {
            return await looking.WaitAsync(RootCheckTimeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
