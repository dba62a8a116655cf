using System.Numerics;

namespace Dendrite.KernelProbe;

/// <summary>Counts checks and collects a message for each that failed.</summary>
public sealed class CheckLog
{
    private readonly List<string> failures = [];

    /// <summary>How many checks ran.</summary>
    public int Checks { get; private set; }

    /// <summary>One message per failed check.</summary>
    public IReadOnlyList<string> Failures => failures;

    /// <summary>Records a failure that is not tied to a comparison (for example an exception).</summary>
    public void Fail(string message)
    {
        Checks++;
        failures.Add(message);
    }

    /// <summary>One check: passes when ok is true.</summary>
    public void Check(bool ok, string what)
    {
        Checks++;
        if (!ok) failures.Add(what);
    }

    /// <summary>One check: every actual[i] within tolerance of expected[i] (scale[i] widens the bound, see <see cref="Tolerance"/>).</summary>
    public void Close<T>(string what, ReadOnlySpan<T> actual, ReadOnlySpan<double> expected, Tolerance tolerance, ReadOnlySpan<double> scale = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Checks++;
        if (actual.Length != expected.Length) { failures.Add($"{what}: length {actual.Length}, expected {expected.Length}"); return; }
        for (int i = 0; i < actual.Length; i++)
        {
            double a = double.CreateTruncating(actual[i]);
            if (tolerance.Accepts(a, expected[i], scale.IsEmpty ? 0 : scale[i])) continue;
            failures.Add($"{what}: [{i}] = {a:R}, expected {expected[i]:R}");
            return;
        }
    }

    /// <summary>One check: a and b hold bit-identical elements (in-place results against out-of-place ones).</summary>
    public void Same<T>(string what, ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Checks++;
        if (a.Length != b.Length) { failures.Add($"{what}: length {a.Length} vs {b.Length}"); return; }
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i].Equals(b[i])) continue;
            failures.Add($"{what}: [{i}] = {a[i]} but the out-of-place result is {b[i]}");
            return;
        }
    }
}
