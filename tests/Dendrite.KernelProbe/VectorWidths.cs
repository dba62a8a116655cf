using System.Runtime.Intrinsics;

namespace Dendrite.KernelProbe;

/// <summary>Which System.Runtime.Intrinsics vector widths this process accelerates.</summary>
public static class VectorWidths
{
    /// <summary>The accelerated widths in bits, narrowest first (empty when everything is scalar).</summary>
    public static IReadOnlyList<int> Accelerated()
    {
        var widths = new List<int>();
        if (Vector128.IsHardwareAccelerated) widths.Add(128);
        if (Vector256.IsHardwareAccelerated) widths.Add(256);
        if (Vector512.IsHardwareAccelerated) widths.Add(512);
        return widths;
    }

    /// <summary>The accelerated widths as the probe prints them: "128 256", or "none".</summary>
    public static string Describe()
    {
        IReadOnlyList<int> widths = Accelerated();
        return widths.Count == 0 ? "none" : string.Join(' ', widths);
    }

    /// <summary>Parses <see cref="Describe"/>'s text back into widths.</summary>
    public static IReadOnlyList<int> Parse(string text)
        => text.Trim() == "none" ? [] : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
}
