using System.Collections.Concurrent;
using Nomarr.Components.Walking;
using Nomarr.Helpers.Options;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Walking;

public sealed class DirectoryWalkerTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly DirectoryWalker _walker = new();

    public void Dispose() => _disk.Dispose();

    [Fact]
    public async Task WalkingInParallelFindsExactlyWhatWalkingInOrderFinds()
    {
        MakeTree();

        var inOrder = _walker.Walk(_disk.Root, "", new List<WalkProblem>(), default, SymlinkPolicy.All).ToList();
        var parallel = await WalkParallelAsync("", parallelism: 4);

        Assert.Equal(45, inOrder.Count);
        Assert.Equal(inOrder.OrderBy(e => e.Path, StringComparer.Ordinal), parallel.OrderBy(e => e.Path, StringComparer.Ordinal));
    }

    [Fact]
    public async Task AParallelWalkOfAFolderStaysInsideIt()
    {
        MakeTree();

        var found = await WalkParallelAsync("Artist 1", parallelism: 2);

        Assert.Equal(15, found.Count);
        Assert.All(found, e => Assert.StartsWith("Artist 1/", e.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachFolderIsHandedOverOnceWithItsFilesInNameOrder()
    {
        MakeTree();
        var folders = new ConcurrentBag<IReadOnlyList<WalkEntry>>();

        await _walker.WalkParallelAsync(_disk.Root, "", 3, new List<WalkProblem>(), (files, _) =>
        {
            folders.Add(files.ToList());
            return ValueTask.CompletedTask;
        }, default);

        Assert.Equal(15, folders.Count);
        Assert.All(folders, files =>
        {
            Assert.Single(files.Select(f => Path.GetDirectoryName(f.Path)).Distinct());
            Assert.Equal(files.Select(f => f.Path).Order(StringComparer.Ordinal), files.Select(f => f.Path));
        });
    }

    [Fact]
    public async Task AFolderCallbackThatFailsStopsTheWholeWalkWithItsError()
    {
        MakeTree();
        var calls = 0;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _walker.WalkParallelAsync(_disk.Root, "", 2, new List<WalkProblem>(), (_, _) =>
                Interlocked.Increment(ref calls) == 3 ? throw new InvalidOperationException("disk full") : ValueTask.CompletedTask, default)
            .WaitAsync(TimeSpan.FromMinutes(1)));

        Assert.Equal("disk full", error.Message);
        Assert.True(calls < 15);
    }

    [Fact]
    public async Task AParallelWalkFollowsLinksAsTheOrderedWalkDoesAndStopsAtLoops()
    {
        _disk.AddTrack("A/1.mp3");
        _disk.AddTrack("B/2.mp3");
        Directory.CreateSymbolicLink(_disk.FullPath("A/loop"), _disk.Root);
        Directory.CreateSymbolicLink(_disk.FullPath("B/toA"), _disk.FullPath("A"));
        Directory.CreateSymbolicLink(_disk.FullPath("B/toAagain"), _disk.FullPath("A"));

        var found = await WalkParallelAsync("", parallelism: 4);

        Assert.Equal(["A/1.mp3", "B/2.mp3", "B/toA/1.mp3"], found.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(_walker.Walk(_disk.Root, "", new List<WalkProblem>(), default, SymlinkPolicy.All).Select(e => e.Path), found.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    /// <summary>Three artists, five albums each (one of them nested on two discs), three tracks each, with covers and junk.</summary>
    private void MakeTree()
    {
        var fixture = File.ReadAllBytes(TempLibrary.Fixture(".mp3"));
        for (var artist = 1; artist <= 3; artist++)
        {
            for (var album = 1; album <= 5; album++)
            {
                var folder = album == 5 ? $"Artist {artist}/Album {album}/CD1" : $"Artist {artist}/Album {album}";
                for (var track = 1; track <= 3; track++)
                {
                    _disk.Write($"{folder}/{track:00} - Track.mp3", fixture);
                }

                _disk.Write($"{folder}/cover.jpg", [1, 2, 3]);
                _disk.Write($"{folder}/.hidden.mp3", fixture);
            }
        }
    }

    private async Task<List<WalkEntry>> WalkParallelAsync(string folder, int parallelism)
    {
        var found = new ConcurrentBag<WalkEntry>();
        await _walker.WalkParallelAsync(_disk.Root, folder, parallelism, new List<WalkProblem>(), (files, _) =>
        {
            foreach (var file in files)
            {
                found.Add(file);
            }

            return ValueTask.CompletedTask;
        }, default, SymlinkPolicy.All);
        return [.. found];
    }
}
