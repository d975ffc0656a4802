using Nomarr.IntegrationTests.Persistence.Contracts;

namespace Nomarr.IntegrationTests.Persistence.Sqlite;

// The contract suite on SQLite: one class per port, each test on a new database file.

public sealed class SqliteLibraryRepositoryContract() : LibraryRepositoryContract(new SqliteContractEngine());

public sealed class SqliteLibraryFileRepositoryContract() : LibraryFileRepositoryContract(new SqliteContractEngine());

public sealed class SqlitePendingScanRepositoryContract() : PendingScanRepositoryContract(new SqliteContractEngine());

public sealed class SqliteScanLedgerContract() : ScanLedgerContract(new SqliteContractEngine());
public sealed class SqliteFileChangeLogContract() : FileChangeLogContract(new SqliteContractEngine());

public sealed class SqliteFileTagsContract() : FileTagsContract(new SqliteContractEngine());

public sealed class SqlitePlaylistRepositoryContract() : PlaylistRepositoryContract(new SqliteContractEngine());

public sealed class SqliteNodesContract() : NodesContract(new SqliteContractEngine());
