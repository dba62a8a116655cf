using Dendrite.Tensors.Kernels;

namespace Dendrite.Tests.Kernels;

/// <summary>GemmBlocking's L2 detection: CPUID against /proc/cpuinfo, and the A block as half of sysfs's or CPUID's L2.</summary>
public class GemmBlockingTests
{
    private const string SysfsL2 = "/sys/devices/system/cpu/cpu0/cache/index2/size";

    [AmdCpuInfoFact]
    public void CpuidL2MatchesProcCpuinfoOnAmd()
    {
        Assert.Equal(AmdCpuInfoFactAttribute.L2KiB()!.Value * 1024, GemmBlocking.CpuidL2Bytes());
    }

    [Fact]
    public void ABlockIsHalfTheL2FromSysfsElseCpuid()
    {
        int l2 = 512 * 1024; // the documented fallback
        if (File.Exists(SysfsL2) && File.ReadAllText(SysfsL2).Trim() is { } text && text.EndsWith('K'))
            l2 = int.Parse(text.TrimEnd('K')) * 1024;
        else if (GemmBlocking.CpuidL2Bytes() > 0)
            l2 = GemmBlocking.CpuidL2Bytes();
        Assert.Equal(Math.Clamp(l2, 256 * 1024, 4 * 1024 * 1024) / 2, GemmBlocking.L2Bytes);
    }
}
