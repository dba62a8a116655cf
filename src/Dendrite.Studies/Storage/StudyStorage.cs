using System.Data.Common;
using System.Globalization;

namespace Dendrite.Studies;

/// <summary>
/// A relational database holding studies in Optuna 3.1's schema (<see cref="OptunaSchema"/>): SQLite through
/// Microsoft.Data.Sqlite or PostgreSQL through Npgsql. Any number of processes may open the same storage at once.
/// </summary>
public abstract class StudyStorage
{
    /// <summary>Opens the storage a URL names, creating Optuna's tables when it has none.</summary>
    /// <param name="url"><c>sqlite:///relative.db</c>, <c>sqlite:////absolute/path.db</c> (SQLAlchemy's spelling) or
    /// <c>postgresql://user[:password]@host[:port]/database</c>.</param>
    public static StudyStorage Open(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        StudyStorage storage = url switch
        {
            _ when url.StartsWith("sqlite:///", StringComparison.Ordinal) => new SqliteStudyStorage(url["sqlite:///".Length..]),
            _ when url.StartsWith("postgresql://", StringComparison.Ordinal) || url.StartsWith("postgres://", StringComparison.Ordinal)
                => new PostgresStudyStorage(url),
            _ => throw new ArgumentException($"Study storage '{url}': expected sqlite:///FILE or postgresql://USER@HOST[:PORT]/DB."),
        };
        storage.EnsureSchema();
        return storage;
    }

    /// <summary>Whether this is PostgreSQL (enum types, row locks) rather than SQLite.</summary>
    internal abstract bool IsPostgres { get; }

    /// <summary>An open connection (pooled by the provider).</summary>
    internal abstract DbConnection Connect();

    /// <summary>
    /// A transaction that no other writer of this study runs beside: SQLite's <c>BEGIN IMMEDIATE</c> (one writer per
    /// file, others wait up to the busy timeout), PostgreSQL's transaction-scoped advisory lock on <paramref name="key"/>.
    /// </summary>
    internal abstract DbTransaction BeginExclusive(DbConnection connection, int key);

    /// <summary>A timestamp as the storage's DATETIME column holds it (SQLite: SQLAlchemy's text with microseconds).</summary>
    internal virtual object Time(DateTime time) => time;

    /// <summary>A DATETIME column read back.</summary>
    internal static DateTime? ReadTime(object? value) => value switch
    {
        null or DBNull => null,
        DateTime t => t,
        string s => DateTime.Parse(s, CultureInfo.InvariantCulture),
        _ => throw new InvalidDataException($"Unexpected DATETIME value {value}."),
    };

    /// <summary>Creates Optuna's tables, version row and alembic revision unless <c>studies</c> exists already.</summary>
    private void EnsureSchema()
    {
        using var connection = Connect();
        using var transaction = BeginExclusive(connection, 0);
        if (!HasTable(connection, transaction, "studies"))
            foreach (var statement in OptunaSchema.Statements(IsPostgres)) connection.Exec(transaction, statement);
        else if (connection.Scalar(transaction, "SELECT version_num FROM alembic_version") is string revision && revision != OptunaSchema.AlembicRevision)
            throw new InvalidDataException($"Study storage has Optuna schema revision {revision}; Dendrite writes {OptunaSchema.AlembicRevision} (Optuna 3.0–3.1).");
        transaction.Commit();
    }

    /// <summary>Whether a table exists.</summary>
    private protected abstract bool HasTable(DbConnection connection, DbTransaction transaction, string table);
}
