using Nomarr.IntegrationTests.Persistence.Contracts;

namespace Nomarr.IntegrationTests.Persistence.Postgres;

// The contract suite on PostgreSQL: one class per port, each test on a new database.

public sealed class PostgresLibraryRepositoryContract() : LibraryRepositoryContract(new PostgresContractEngine());

public sealed class PostgresLibraryFileRepositoryContract() : LibraryFileRepositoryContract(new PostgresContractEngine());

public sealed class PostgresPendingScanRepositoryContract() : PendingScanRepositoryContract(new PostgresContractEngine());

public sealed class PostgresFileChangeLogContract() : FileChangeLogContract(new PostgresContractEngine());

public sealed class PostgresFileTagsContract() : FileTagsContract(new PostgresContractEngine());

public sealed class PostgresScanLedgerContract() : ScanLedgerContract(new PostgresContractEngine());

public sealed class PostgresPlaylistRepositoryContract() : PlaylistRepositoryContract(new PostgresContractEngine());

public sealed class PostgresNodesContract() : NodesContract(new PostgresContractEngine());
