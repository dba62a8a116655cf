using Dendrite.KernelProbe;

namespace Dendrite.Tests.Kernels;

/// <summary>Runs each kernel check family of <see cref="KernelSuite"/> in this process, at its default vector widths.</summary>
public class KernelSuiteTests
{
    /// <summary>The family names, one test case each.</summary>
    public static TheoryData<string> Families => new(KernelSuite.Families.Select(f => f.Name));

    /// <summary>Every check of the family passes (lengths 0..130, float and double, in place and out of place).</summary>
    [Theory]
    [MemberData(nameof(Families))]
    public void Family_passes_every_check(string family)
    {
        CheckLog log = KernelSuite.Run(KernelSuite.Get(family));
        Assert.True(log.Checks > 0, $"{family} ran no checks");
        Assert.True(log.Failures.Count == 0,
            $"{family}: {log.Failures.Count} of {log.Checks} checks failed:\n{string.Join('\n', log.Failures.Take(30))}");
    }
}
