using System.Reflection;
using NetArchTest.Rules;
using Nomarr.Components.Walking;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Persistence.Postgres;
using Nomarr.Persistence.Sqlite;
using Nomarr.Services.Libraries;
using Nomarr.Workflows.Scanning;

namespace Nomarr.UnitTests.Architecture;

/// <summary>
/// Each layer may use only the layers below it: helpers; the persistence ports beside the components;
/// workflows, services, interfaces (the HTTP library, then the CLI, which hosts it). The database engine
/// is known to the composition root alone (docs/architecture.md).
/// </summary>
public class LayeringTests
{
    private static readonly Assembly Helpers = typeof(ScanTarget).Assembly;
    private static readonly Assembly Persistence = typeof(ILibraryRepository).Assembly;
    private static readonly Assembly Sqlite = typeof(SqliteExtensions).Assembly;
    private static readonly Assembly Postgres = typeof(PostgresExtensions).Assembly;
    private static readonly Assembly Components = typeof(DirectoryWalker).Assembly;
    private static readonly Assembly Workflows = typeof(ScanLibraryWorkflow).Assembly;
    private static readonly Assembly Services = typeof(LibraryCatalog).Assembly;
    private static readonly Assembly Http = typeof(Nomarr.Http.HttpOptions).Assembly;
    private static readonly Assembly Cli = Assembly.Load("nomarr");

    /// <summary>Every product assembly, its layer's namespace, and the Nomarr assemblies it may use.</summary>
    private static readonly (string Namespace, Assembly Assembly, Assembly[] MayUse)[] Layers =
    [
        ("Nomarr.Helpers", Helpers, []),
        ("Nomarr.Persistence", Persistence, [Helpers]),
        ("Nomarr.Persistence.Sqlite", Sqlite, [Persistence, Helpers]),
        ("Nomarr.Persistence.Postgres", Postgres, [Persistence, Helpers]),
        ("Nomarr.Components", Components, [Helpers]),
        ("Nomarr.Workflows", Workflows, [Components, Persistence, Helpers]),
        ("Nomarr.Services", Services, [Workflows, Components, Persistence, Helpers]),
        ("Nomarr.Http", Http, [Services, Workflows, Components, Persistence, Helpers]),
        ("Nomarr.Cli", Cli, [Http, Services, Workflows, Components, Persistence, Sqlite, Postgres, Helpers]),
    ];

    public static TheoryData<string> LayerNames() => new(Layers.Select(l => l.Namespace));

    public static TheoryData<string, string> ForbiddenArrows()
    {
        var data = new TheoryData<string, string>();
        foreach (var (ns, _, mayUse) in Layers)
        {
            foreach (var other in Layers.Where(o => o.Namespace != ns && !mayUse.Contains(o.Assembly)))
            {
                data.Add(ns, other.Namespace);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ForbiddenArrows))]
    public void ALayerNeverUsesALayerItMayNot(string layer, string forbidden)
    {
        var assembly = Layers.Single(l => l.Namespace == layer).Assembly;
        var forbiddenAssembly = Layers.Single(l => l.Namespace == forbidden).Assembly;
        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), r => r.Name == forbiddenAssembly.GetName().Name);

        // The namespace check also catches a type that reaches the other layer without naming its assembly.
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOn(forbidden).GetResult();
        Assert.True(result.IsSuccessful, $"{layer} uses {forbidden}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void TheLayersAreNotMixedWithinOneAssembly()
    {
        foreach (var (ns, assembly, _) in Layers)
        {
            var strays = assembly.GetTypes()
                .Where(t => t.Namespace is { } n && n.StartsWith("Nomarr", StringComparison.Ordinal) && n != ns && !n.StartsWith(ns + ".", StringComparison.Ordinal))
                .Select(t => t.FullName)
                .ToList();
            Assert.True(strays.Count == 0, $"{assembly.GetName().Name} holds types of another layer: {string.Join(", ", strays)}");
        }
    }

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void OnlyTheSqliteEngineUsesMicrosoftDataSqlite(string layer)
    {
        var assembly = Layers.Single(l => l.Namespace == layer).Assembly;
        var references = assembly.GetReferencedAssemblies().Any(r => r.Name == "Microsoft.Data.Sqlite");
        var uses = !Types.InAssembly(assembly).ShouldNot().HaveDependencyOn("Microsoft.Data.Sqlite").GetResult().IsSuccessful;
        Assert.Equal(assembly == Sqlite, references);
        Assert.Equal(assembly == Sqlite, uses);
    }

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void OnlyThePostgresEngineUsesNpgsql(string layer)
    {
        var assembly = Layers.Single(l => l.Namespace == layer).Assembly;
        var references = assembly.GetReferencedAssemblies().Any(r => r.Name == "Npgsql");
        var uses = !Types.InAssembly(assembly).ShouldNot().HaveDependencyOn("Npgsql").GetResult().IsSuccessful;
        Assert.Equal(assembly == Postgres, references);
        Assert.Equal(assembly == Postgres, uses);
    }

    [Theory]
    [InlineData("Nomarr.Persistence.Sqlite")]
    [InlineData("Nomarr.Persistence.Postgres")]
    public void TheEnginesAreNotReachedOutsideTheCompositionRoot(string engine)
    {
        var result = Types.InAssembly(Cli).That().DoNotResideInNamespace("Nomarr.Cli.Hosting")
            .ShouldNot().HaveDependencyOn(engine).GetResult();
        Assert.True(result.IsSuccessful, $"Outside the host, the CLI knows an engine: {string.Join(", ", result.FailingTypeNames ?? [])}");
        Assert.NotEmpty(Types.InAssembly(Cli).That().ResideInNamespace("Nomarr.Cli.Hosting").And().HaveDependencyOn(engine).GetTypes());
    }

    [Fact]
    public void ThePortsKnowNoEngine()
    {
        // Ports name no engine's types: they use the base library and Helpers, nothing else.
        var strays = Persistence.GetReferencedAssemblies().Select(r => r.Name!)
            .Where(n => n != "Nomarr.Helpers" && n != "netstandard" && !n.StartsWith("System.", StringComparison.Ordinal))
            .ToList();
        Assert.True(strays.Count == 0, $"The ports use {string.Join(", ", strays)}");
    }

    [Fact]
    public void ComponentsDoNotReferencePersistence()
    {
        Assert.DoesNotContain(Components.GetReferencedAssemblies(), r => r.Name is "Nomarr.Persistence" or "Nomarr.Persistence.Sqlite" or "Nomarr.Persistence.Postgres");
        var project = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Nomarr.Components", "Nomarr.Components.csproj"));
        Assert.DoesNotContain("Nomarr.Persistence", project, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWatcherNeverReachesPersistence()
    {
        // It only triggers: events become scan requests through the services, never writes of its own.
        foreach (var (assembly, ns) in new[] { (Services, "Nomarr.Services.Watching"), (Workflows, "Nomarr.Workflows.Watching") })
        {
            var result = Types.InAssembly(assembly).That().ResideInNamespace(ns).ShouldNot().HaveDependencyOn("Nomarr.Persistence").GetResult();
            Assert.True(result.IsSuccessful, $"The watcher uses persistence: {string.Join(", ", result.FailingTypeNames ?? [])}");
        }

        Assert.NotEmpty(Types.InAssembly(Services).That().ResideInNamespace("Nomarr.Services.Watching").GetTypes());
    }

    [Fact]
    public void WorkflowsAndBelowNeverUseAspNetCore()
    {
        foreach (var assembly in new[] { Helpers, Persistence, Sqlite, Postgres, Components, Workflows })
        {
            var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOn("Microsoft.AspNetCore").GetResult();
            Assert.True(result.IsSuccessful, $"{assembly.GetName().Name} uses ASP.NET Core: {string.Join(", ", result.FailingTypeNames ?? [])}");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Nomarr.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Nomarr.slnx not found above " + AppContext.BaseDirectory);
    }
}
