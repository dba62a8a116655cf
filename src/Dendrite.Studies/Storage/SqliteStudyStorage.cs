using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dendrite.Studies;

/// <summary>A study storage in one SQLite file, shared by the processes that open it (one writer at a time).</summary>
public sealed class SqliteStudyStorage : StudyStorage
{
    private readonly string _connectionString;

    /// <summary>Opens (creating) the file at <paramref name="path"/>.</summary>
    public SqliteStudyStorage(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        string? folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        // Default Timeout is also the busy timeout: a writer waits this long for another process's transaction.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, DefaultTimeout = 120, Pooling = true }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    internal override bool IsPostgres => false;

    internal override DbConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // WAL: readers never block the writer, and a commit appends to the log instead of rewriting pages (synchronous
        // NORMAL then syncs at checkpoints, not per commit: a power cut may lose the last intermediate values, never corrupt).
        connection.Exec(null, "PRAGMA busy_timeout = 120000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
        return connection;
    }

    internal override DbTransaction BeginExclusive(DbConnection connection, int key) =>
        ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false);   // BEGIN IMMEDIATE

    internal override object Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private protected override bool HasTable(DbConnection connection, DbTransaction transaction, string table) =>
        connection.Scalar(transaction, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = @t", ("@t", table)) is not null;

    /// <summary>The URL that opens this storage.</summary>
    public override string ToString() => "sqlite:///" + Path;
}
