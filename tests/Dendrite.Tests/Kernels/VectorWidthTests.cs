using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Dendrite.KernelProbe;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// Runs the whole kernel suite in a child process under each vector-width setting, so the Vector512,
/// Vector256, Vector128 and scalar paths are each tested where the machine has them.
/// </summary>
public class VectorWidthTests
{
    /// <summary>The probe passes under the setting, and the widths it reports are the ones the setting allows.</summary>
    [Theory]
    [InlineData(null, null)]
    [InlineData("DOTNET_PreferredVectorBitWidth", "512")]
    [InlineData("DOTNET_PreferredVectorBitWidth", "256")]
    [InlineData("DOTNET_EnableAVX2", "0")]
    [InlineData("DOTNET_EnableHWIntrinsic", "0")]
    public void Kernel_suite_passes_under_setting(string? setting, string? value)
    {
        (int exitCode, IReadOnlyList<int> widths, string output) = KernelProbeProcess.Run(setting, value);
        Assert.True(exitCode == 0, $"probe with {setting}={value} exited {exitCode}:\n{output}");
        Assert.Contains(" checks, 0 failures", output);

        switch (setting, value)
        {
            case (null, _) when !KernelProbeProcess.CurrentProcessHasWidthSettings:
                Assert.Equal(VectorWidths.Accelerated(), widths);
                break;
            case ("DOTNET_PreferredVectorBitWidth", "512"):
                // Opting in enables Vector512 exactly where the CPU has AVX-512.
                Assert.Equal(Avx512F.IsSupported, widths.Contains(512));
                break;
            case ("DOTNET_PreferredVectorBitWidth", "256"):
                Assert.DoesNotContain(512, widths);
                break;
            case ("DOTNET_EnableAVX2", "0"):
                Assert.DoesNotContain(256, widths);
                Assert.DoesNotContain(512, widths);
                break;
            case ("DOTNET_EnableHWIntrinsic", "0"):
                Assert.Empty(widths);
                break;
        }
    }

    /// <summary>The in-process widths are consistent: a wider width is never accelerated without the narrower ones.</summary>
    [Fact]
    public void Accelerated_widths_are_nested()
    {
        if (Vector512.IsHardwareAccelerated) Assert.True(Vector256.IsHardwareAccelerated);
        if (Vector256.IsHardwareAccelerated) Assert.True(Vector128.IsHardwareAccelerated);
    }
}
