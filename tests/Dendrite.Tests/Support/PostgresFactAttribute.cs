namespace Dendrite.Tests.Support;

/// <summary>A fact that needs PostgreSQL; skipped, with the reason shown, only where the server binaries are absent.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Marks the test skipped when <see cref="PostgresCluster.Missing"/> says why.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresCluster.Missing is { } reason) Skip = reason;
    }
}
