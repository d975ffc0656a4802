using System.Reflection;
using NetArchTest.Rules;
using Nomarr.Components.Walking;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Libraries;
using Nomarr.Workflows.Scanning;

namespace Nomarr.UnitTests.Architecture;

/// <summary>
/// Each layer may use only the layers below it: helpers, persistence, components, workflows, services,
/// interfaces (the HTTP library, then the CLI, which hosts it).
/// </summary>
public class LayeringTests
{
    private static readonly (string Namespace, Assembly Assembly)[] Layers =
    [
        ("Nomarr.Helpers", typeof(ScanTarget).Assembly),
        ("Nomarr.Persistence", typeof(ILibraryRepository).Assembly),
        ("Nomarr.Components", typeof(DirectoryWalker).Assembly),
        ("Nomarr.Workflows", typeof(ScanLibraryWorkflow).Assembly),
        ("Nomarr.Services", typeof(LibraryService).Assembly),
        ("Nomarr.Http", typeof(Nomarr.Http.HttpOptions).Assembly),
        ("Nomarr.Cli", Assembly.Load("nomarr")),
    ];

    public static TheoryData<string, string> ForbiddenArrows()
    {
        var data = new TheoryData<string, string>();
        for (var lower = 0; lower < Layers.Length; lower++)
        {
            for (var upper = lower + 1; upper < Layers.Length; upper++)
            {
                data.Add(Layers[lower].Namespace, Layers[upper].Namespace);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ForbiddenArrows))]
    public void ALayerNeverUsesALayerAboveIt(string layer, string above)
    {
        var assembly = Layers.Single(l => l.Namespace == layer).Assembly;
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOn(above).GetResult();
        Assert.True(result.IsSuccessful, $"{layer} uses {above}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void TheLayersAreNotMixedWithinOneAssembly()
    {
        foreach (var (ns, assembly) in Layers)
        {
            var strays = assembly.GetTypes()
                .Where(t => t.Namespace is { } n && n.StartsWith("Nomarr", StringComparison.Ordinal) && !n.StartsWith(ns, StringComparison.Ordinal))
                .Select(t => t.FullName)
                .ToList();
            Assert.True(strays.Count == 0, $"{assembly.GetName().Name} holds types of another layer: {string.Join(", ", strays)}");
        }
    }

    [Fact]
    public void TheWatcherNeverReachesPersistence()
    {
        // It only triggers: events become scan requests through the services, never writes of its own.
        foreach (var assembly in new[] { typeof(LibraryService).Assembly, typeof(ScanLibraryWorkflow).Assembly })
        {
            var result = Types.InAssembly(assembly).That().ResideInNamespace(assembly == typeof(LibraryService).Assembly ? "Nomarr.Services.Watching" : "Nomarr.Workflows.Watching")
                .ShouldNot().HaveDependencyOn("Nomarr.Persistence").GetResult();
            Assert.True(result.IsSuccessful, $"The watcher uses persistence: {string.Join(", ", result.FailingTypeNames ?? [])}");
        }

        Assert.NotEmpty(Types.InAssembly(typeof(LibraryService).Assembly).That().ResideInNamespace("Nomarr.Services.Watching").GetTypes());
    }

    [Fact]
    public void WorkflowsAndBelowNeverUseAspNetCore()
    {
        foreach (var (_, assembly) in Layers.Take(4))
        {
            var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOn("Microsoft.AspNetCore").GetResult();
            Assert.True(result.IsSuccessful, $"{assembly.GetName().Name} uses ASP.NET Core: {string.Join(", ", result.FailingTypeNames ?? [])}");
        }
    }
}
