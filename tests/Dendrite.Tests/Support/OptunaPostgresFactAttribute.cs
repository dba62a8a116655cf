namespace Dendrite.Tests.Support;

/// <summary>A fact that has Optuna read a PostgreSQL study: skipped, with the reason shown, without the server binaries or without Optuna and psycopg2.</summary>
public sealed class OptunaPostgresFactAttribute : FactAttribute
{
    /// <summary>Marks the test skipped when <see cref="PostgresCluster.Missing"/> or <see cref="OptunaFactAttribute.PostgresReason"/> says why.</summary>
    public OptunaPostgresFactAttribute()
    {
        if ((PostgresCluster.Missing ?? OptunaFactAttribute.PostgresReason) is { } reason) Skip = reason;
    }
}
