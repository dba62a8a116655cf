using System.Data.Common;

namespace Dendrite.Studies;

/// <summary>Small helpers over ADO.NET: run a statement with named parameters (<c>@name</c>), read a scalar or rows.</summary>
internal static class Sql
{
    /// <summary>A command on <paramref name="connection"/> inside <paramref name="transaction"/> (may be null).</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] args)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    /// <summary>Runs a statement; returns the rows it changed.</summary>
    public static int Exec(this DbConnection c, DbTransaction? t, string sql, params (string, object?)[] args)
    {
        using var command = Command(c, t, sql, args);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, or null.</summary>
    public static object? Scalar(this DbConnection c, DbTransaction? t, string sql, params (string, object?)[] args)
    {
        using var command = Command(c, t, sql, args);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Every row, each read by <paramref name="read"/>.</summary>
    public static List<T> Query<T>(this DbConnection c, DbTransaction? t, string sql, Func<DbDataReader, T> read, params (string, object?)[] args)
    {
        using var command = Command(c, t, sql, args);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
