using Xunit.Sdk;

namespace Nomarr.IntegrationTests.Persistence.Contracts;

// Inside this namespace, [Fact] and [Theory] name these attributes before xunit's (a namespace's own
// types come before its usings). They are xunit's facts and theories that may skip themselves: an
// engine whose server cannot start on this machine skips its contract classes (PostgreSQL outside CI,
// docs/postgres.md) instead of failing them.

/// <summary>xunit's [Fact], able to skip at run time (Xunit.SkippableFact).</summary>
[XunitTestCaseDiscoverer("Xunit.Sdk.SkippableFactDiscoverer", "Xunit.SkippableFact")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FactAttribute : Xunit.FactAttribute;

/// <summary>xunit's [Theory], able to skip at run time (Xunit.SkippableFact).</summary>
[XunitTestCaseDiscoverer("Xunit.Sdk.SkippableTheoryDiscoverer", "Xunit.SkippableFact")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class TheoryAttribute : Xunit.TheoryAttribute;
