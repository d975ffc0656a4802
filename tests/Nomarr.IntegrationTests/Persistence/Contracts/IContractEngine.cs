namespace Nomarr.IntegrationTests.Persistence.Contracts;

/// <summary>
/// A database engine the contract suite runs against. An engine's test project derives one class per
/// contract and hands it an engine, typically as an xunit class fixture (a server started once).
/// </summary>
public interface IContractEngine
{
    /// <summary>A new, empty, migrated database of this engine, for one test; disposing it deletes it.</summary>
    Task<ContractDatabase> CreateDatabaseAsync();
}
