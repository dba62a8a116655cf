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
    /// <summary>The settings under test; (null, null) is the runtime default.</summary>
    public static TheoryData<string?, string?> Settings => new()
    {
        { null, null },
        { "DOTNET_PreferredVectorBitWidth", "512" },
        { "DOTNET_PreferredVectorBitWidth", "256" },
        { "DOTNET_EnableAVX2", "0" },
        { "DOTNET_EnableHWIntrinsic", "0" },
    };

    /// <summary>All probes start together on first use (they are single-threaded), and each test awaits its own.</summary>
    private static readonly Lazy<Dictionary<string, Task<ProbeResult>>> Probes = new(() =>
        Settings.Select(row => ((string?)row[0], (string?)row[1]))
            .ToDictionary(s => $"{s.Item1}={s.Item2}", s => Task.Run(() => KernelProbeProcess.Run(s.Item1, s.Item2))));

    /// <summary>The probe passes under the setting, and the widths it reports are the ones the setting allows.</summary>
    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Kernel_suite_passes_under_setting(string? setting, string? value)
    {
        (int exitCode, IReadOnlyList<int> widths, string output) = await Probes.Value[$"{setting}={value}"];
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
