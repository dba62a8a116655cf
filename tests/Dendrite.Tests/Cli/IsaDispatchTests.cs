using Dendrite.Cli;

namespace Dendrite.Tests.Cli;

/// <summary>The x86-64 level of a CPU, which picks the NativeAOT build that runs.</summary>
public class IsaDispatchTests
{
    private const string V2 = "cx16 popcnt sse4_1 sse4_2 ssse3";
    private const string V3 = V2 + " avx avx2 bmi1 bmi2 f16c fma lzcnt movbe";
    private const string V4 = V3 + " avx512f avx512dq avx512cd avx512bw avx512vl";

    [Theory]
    [InlineData("sse sse2", 1)]
    [InlineData(V2, 2)]
    [InlineData(V3, 3)]
    [InlineData(V4, 4)]
    [InlineData(V4 + " avx512_vnni avx512_bf16", 4)]
    [InlineData("cx16 popcnt sse4_1 sse4_2 ssse3 avx avx2 bmi1 bmi2 f16c lzcnt movbe avx512f avx512dq avx512cd avx512bw avx512vl", 2)] // no FMA: not v3, so not v4
    [InlineData(V3 + " avx512f", 3)] // AVX-512 foundation alone is not v4
    public void The_level_is_the_highest_whose_features_are_all_present(string features, int level) =>
        Assert.Equal(level, IsaDispatch.Level(features.Split(' ').ToHashSet()));

    [Fact]
    public void Flags_come_from_the_first_flags_line()
    {
        string cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu avx2 fma\nbugs\t\t: sysret_ss_attrs\n\nprocessor\t: 1\nflags\t\t: fpu\n";
        Assert.Equal(["avx2", "fma", "fpu"], IsaDispatch.Flags(cpuinfo).Order());
        Assert.Empty(IsaDispatch.Flags("processor : 0\n"));
    }

    [Fact]
    public void The_avx_family_counts_only_where_the_kernel_lists_it()
    {
        Assert.DoesNotContain(IsaDispatch.CpuFeatures("flags : sse2"), f => f.StartsWith("avx", StringComparison.Ordinal) || f is "fma" or "f16c");
        Assert.True(IsaDispatch.Level(IsaDispatch.CpuFeatures("flags : sse2")) <= 2);
    }

    [Theory]
    [InlineData("x86-64-v2", 2)]
    [InlineData("x86-64-v4", 4)]
    [InlineData("x86-64-v5", null)]
    [InlineData("avx2", null)]
    [InlineData(null, null)]
    public void Level_names_parse(string? name, int? level) => Assert.Equal(level, IsaDispatch.ParseLevel(name));

    [Dendrite.Tests.Shipping.LinuxX64Fact]
    public void Under_the_jit_the_compiled_level_is_the_level_read_from_this_cpu() =>
        Assert.Equal(Math.Max(2, IsaDispatch.Level(IsaDispatch.CpuFeatures(File.ReadAllText("/proc/cpuinfo")))), IsaDispatch.CompiledLevel);
}
