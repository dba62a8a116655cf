using System.Data.Common;
using Npgsql;

namespace Dendrite.Studies;

/// <summary>A study storage in a PostgreSQL database, through Npgsql.</summary>
public sealed class PostgresStudyStorage : StudyStorage
{
    private readonly NpgsqlDataSource _source;
    private readonly string _display;

    /// <summary>Connects to <c>postgresql://user[:password]@host[:port]/database</c>.</summary>
    public PostgresStudyStorage(string url)
    {
        var uri = new Uri(url.Replace("postgres://", "postgresql://", StringComparison.Ordinal));
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : Environment.UserName,
            Timeout = 30,
            CommandTimeout = 120,
        };
        if (userInfo.Length == 2) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        if (builder.Database is null or "") throw new ArgumentException($"Study storage '{url}' names no database (postgresql://USER@HOST/DB).");
        _source = NpgsqlDataSource.Create(builder);
        _display = $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    internal override bool IsPostgres => true;

    internal override DbConnection Connect() => _source.OpenConnection();

    internal override DbTransaction BeginExclusive(DbConnection connection, int key)
    {
        var transaction = connection.BeginTransaction();
        // One lock per study (key = study id; 0 for the schema), released at commit or rollback.
        connection.Exec(transaction, "SELECT pg_advisory_xact_lock(@k)", ("@k", 0x44_656E_0000L + key));
        return transaction;
    }

    private protected override bool HasTable(DbConnection connection, DbTransaction transaction, string table) =>
        connection.Scalar(transaction, "SELECT to_regclass(@t)::text", ("@t", table)) is not null;

    /// <summary>The URL that opens this storage, without a password.</summary>
    public override string ToString() => _display;
}
