using System.Numerics;

namespace Dendrite.KernelProbe;

/// <summary>An array of n elements with sentinel guards on both sides, to catch writes out of bounds.</summary>
/// <remarks>Kernels index through <c>Unsafe.Add</c>, which a span's bounds do not stop, so a vector
/// loop that runs one step too far would otherwise go unnoticed.</remarks>
public sealed class Guarded<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int GuardLength = 17;
    private static readonly T Sentinel = T.CreateTruncating(-12345.625);
    private readonly T[] data;

    /// <summary>n elements set to zero between two guard bands.</summary>
    public Guarded(int n)
    {
        data = new T[n + 2 * GuardLength];
        data.AsSpan().Fill(Sentinel);
        Span.Clear();
    }

    /// <summary>n elements copied from source between two guard bands.</summary>
    public Guarded(ReadOnlySpan<T> source) : this(source.Length) => source.CopyTo(Span);

    /// <summary>The n elements under test.</summary>
    public Span<T> Span => data.AsSpan(GuardLength, data.Length - 2 * GuardLength);

    /// <summary>Whether every guard element still holds the sentinel.</summary>
    public bool GuardsIntact
    {
        get
        {
            foreach (T v in data.AsSpan(0, GuardLength)) if (v != Sentinel) return false;
            foreach (T v in data.AsSpan(data.Length - GuardLength)) if (v != Sentinel) return false;
            return true;
        }
    }
}
