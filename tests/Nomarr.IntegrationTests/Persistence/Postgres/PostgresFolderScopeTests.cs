using Nomarr.Helpers.Libraries;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.IntegrationTests.Infrastructure.Postgres;

namespace Nomarr.IntegrationTests.Persistence.Postgres;

/// <summary>
/// Folder scopes are byte ranges: in a database whose collation is en_US.UTF-8 (where "a-b" sorts
/// between "a/b" and "a/c", and "é" beside "e"), PostgreSQL must return exactly what SQLite does.
/// </summary>
public sealed class PostgresFolderScopeTests(FreshPostgresDatabase database) : IClassFixture<FreshPostgresDatabase>
{
    private static readonly string[] Paths =
    [
        "a/1.flac", "a/b/2.flac", "a b/3.flac", "a-b/4.flac", "a.b/5.flac", "a0/6.flac", "A/7.flac", "ab/8.flac",
        "a%/9.flac", "a_/10.flac", "é/11.flac", "e/12.flac", "É/13.flac", "e/é/14.flac", "a/b c/15.flac", "a/b-c/16.flac",
        "a/b/c/17.flac", "a!/18.flac", "a//19.flac", "zz/20.flac", "Ωmega/21.flac", "ωmega/22.flac",
    ];

    private static readonly string[][] Scopes =
    [
        ["a"], ["a/b"], ["A"], ["e"], ["é"], ["É"], ["a b"], ["a-b"], ["a.b"], ["a%"], ["a_"], ["a", "e"], ["a/b", "a/b c"],
        ["ωmega"], ["Ωmega"], ["nothing"], [""],
    ];

    [SkippableFact]
    public async Task FolderScopesEqualSqlitesInAnEnUsDatabase()
    {
        using var postgres = new NomarrTestHost(PostgresSettings.For(database));
        Skip.If(database.Collation is null && !PostgresServer.Required, "PostgreSQL collation test skipped: the en_US.UTF-8 locale is missing (locale-gen)");
        Assert.Equal("en_US.UTF-8", database.Collation);
        using var sqlite = new NomarrTestHost();
        var now = DateTimeOffset.UtcNow;
        var onSqlite = await sqlite.LibraryRepository.AddAsync("music", "/music", WatchMode.Off, null, now, default);
        var onPostgres = await postgres.LibraryRepository.AddAsync("music", "/music", WatchMode.Off, null, now, default);
        var batch = Paths.Select(p => new FileRecord(p, 1, 1, new AudioTags { Title = p }, null)).ToList();
        await sqlite.FileRepository.UpsertBatchAsync(await sqlite.ClaimAsync(onSqlite.Id), batch, now, default);
        await postgres.FileRepository.UpsertBatchAsync(await postgres.ClaimAsync(onPostgres.Id), batch, now, default);

        foreach (var scope in Scopes)
        {
            var expected = await KnownAsync(sqlite.FileRepository, onSqlite.Id, scope);
            var actual = await KnownAsync(postgres.FileRepository, onPostgres.Id, scope);
            Assert.True(expected.SequenceEqual(actual), $"scope [{string.Join(", ", scope)}]: SQLite [{string.Join(", ", expected)}], PostgreSQL [{string.Join(", ", actual)}]");

            var expectedPage = await sqlite.FileRepository.QueryAsync(new FileQuery(onSqlite.Id, Folder: scope[0], Limit: 1000), default);
            var actualPage = await postgres.FileRepository.QueryAsync(new FileQuery(onPostgres.Id, Folder: scope[0], Limit: 1000), default);
            Assert.Equal(expectedPage.Items.Select(f => f.Path), actualPage.Items.Select(f => f.Path));
            Assert.Equal(expectedPage.Total, actualPage.Total);
        }

        // The scopes above are not vacuous: "a" holds its subfolders and nothing that merely starts with "a".
        string[] underA = ["a/1.flac", "a/b/2.flac", "a/b c/15.flac", "a/b-c/16.flac", "a/b/c/17.flac", "a//19.flac"];
        Assert.Equal(underA.Order(StringComparer.Ordinal), await KnownAsync(postgres.FileRepository, onPostgres.Id, ["a"]));
    }

    [SkippableFact]
    public async Task MarkingMissingStaysInsideTheScope()
    {
        using var postgres = new NomarrTestHost(PostgresSettings.For(database));
        var now = DateTimeOffset.UtcNow;
        var library = await postgres.LibraryRepository.AddAsync("scope", "/scope", WatchMode.Off, null, now, default);
        var claim = await postgres.ClaimAsync(library.Id);
        await postgres.FileRepository.UpsertBatchAsync(claim, Paths.Select(p => new FileRecord(p, 1, 1, new AudioTags(), null)).ToList(), now, default);
        var all = await postgres.FileRepository.QueryAsync(new FileQuery(library.Id, Limit: 1000), default);

        var changed = await postgres.FileRepository.MarkMissingAsync(claim, ["a-b", "é"], all.Items.Select(f => f.Id).ToList(), now, default);

        var missing = await postgres.FileRepository.QueryAsync(new FileQuery(library.Id, Missing: true, Limit: 1000), default);
        Assert.Equal(["a-b/4.flac", "é/11.flac"], missing.Items.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal(2, changed);
    }

    private static async Task<List<string>> KnownAsync(Nomarr.Persistence.ILibraryFileRepository files, long libraryId, string[] scope)
    {
        var paths = new List<string>();
        await foreach (var file in files.StreamKnownAsync(libraryId, scope, default))
        {
            paths.Add(file.Path);
        }

        paths.Sort(StringComparer.Ordinal);
        return paths;
    }
}
