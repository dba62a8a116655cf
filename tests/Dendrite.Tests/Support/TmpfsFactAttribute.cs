namespace Dendrite.Tests.Support;

/// <summary>A fact that mounts a small <see cref="Tmpfs"/> (e.g. to fill a disk); skipped, with the reason shown, where mounting is not possible.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(Tmpfs.Unavailable);

    /// <summary>Marks the test skipped when a probe tmpfs cannot be mounted.</summary>
    public TmpfsFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = reason;
    }
}
