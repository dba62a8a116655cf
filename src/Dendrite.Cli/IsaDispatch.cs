using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Cli;

/// <summary>
/// Hands a NativeAOT <c>dendrite</c> over to the build of itself compiled for the best x86-64 level this CPU runs.
/// </summary>
/// <remarks>
/// NativeAOT fixes the instruction set at publish time: the plain binary targets x86-64-v2, where Vector256,
/// Vector512 and FMA are compiled out and the kernels take their 128-bit paths (2–3× slower GEMMs). The publish puts
/// <c>dendrite-x86-64-v3</c> (AVX2, FMA) and <c>dendrite-x86-64-v4</c> (AVX-512) beside it; at start-up the plain
/// binary reads the CPU's features (CPUID, and the kernel's /proc/cpuinfo for the AVX family) and <c>execv</c>s the best variant present, with the same arguments and environment.
/// A CPU without AVX2, a missing variant or a failed exec leaves the plain binary running: slower, the same results up
/// to float rounding. Under the JIT (<c>dotnet dendrite.dll</c>, the .NET tool) nothing happens: the JIT already
/// compiles for the running CPU. <c>DENDRITE_ISA=x86-64-v2</c> (or v3) caps the level; <c>DENDRITE_DEBUG=1</c> reports
/// the hand-over on standard error.
/// </remarks>
internal static partial class IsaDispatch
{
    /// <summary>The environment variable that caps the level, e.g. <c>x86-64-v2</c> to stay on the plain binary.</summary>
    public const string Variable = "DENDRITE_ISA";

    private static readonly string[] V2 = ["cx16", "popcnt", "sse4_1", "sse4_2", "ssse3"];
    private static readonly string[] V3 = [.. V2, "avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "lzcnt", "movbe"];
    private static readonly string[] V4 = [.. V3, "avx512bw", "avx512cd", "avx512dq", "avx512f", "avx512vl"];

    /// <summary>Features whose registers the operating system must save: counted only where /proc/cpuinfo lists them too.</summary>
    private static readonly string[] NeedOsSupport = ["avx", "avx2", "f16c", "fma", "avx512bw", "avx512cd", "avx512dq", "avx512f", "avx512vl"];

    /// <summary>The x86-64 level this code was compiled for: a constant under NativeAOT, the CPU's own under the JIT.</summary>
    public static int CompiledLevel =>
        Avx512F.IsSupported && Avx512BW.IsSupported && Avx512CD.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported ? 4
        : Avx2.IsSupported && Fma.IsSupported && Bmi1.IsSupported && Bmi2.IsSupported && Lzcnt.IsSupported ? 3 : 2;

    /// <summary>The highest x86-64 level (1–4) whose features (Linux flag names, e.g. <c>avx2</c>, <c>lzcnt</c>) are all present.</summary>
    public static int Level(IReadOnlySet<string> features) =>
        V4.All(features.Contains) ? 4 : V3.All(features.Contains) ? 3 : V2.All(features.Contains) ? 2 : 1;

    /// <summary>
    /// This CPU's features from CPUID (an instruction every x64 build may use), keeping the AVX family only where the
    /// <c>flags</c> of <paramref name="cpuinfo"/> (the kernel's view: it drops them when it does not save their
    /// registers) list them too.
    /// </summary>
    public static HashSet<string> CpuFeatures(string cpuinfo)
    {
        var features = new HashSet<string>(StringComparer.Ordinal);
        if (!X86Base.IsSupported) return features;
        var (_, _, ecx1, _) = X86Base.CpuId(1, 0);
        var (_, ebx7, _, _) = X86Base.CpuId(7, 0);
        var (_, _, ecxExt, _) = X86Base.CpuId(unchecked((int)0x80000001), 0);
        void Bit(int register, int bit, string name) { if ((register >> bit & 1) != 0) features.Add(name); }
        Bit(ecx1, 9, "ssse3"); Bit(ecx1, 12, "fma"); Bit(ecx1, 13, "cx16"); Bit(ecx1, 19, "sse4_1"); Bit(ecx1, 20, "sse4_2");
        Bit(ecx1, 22, "movbe"); Bit(ecx1, 23, "popcnt"); Bit(ecx1, 28, "avx"); Bit(ecx1, 29, "f16c");
        Bit(ebx7, 3, "bmi1"); Bit(ebx7, 5, "avx2"); Bit(ebx7, 8, "bmi2"); Bit(ebx7, 16, "avx512f"); Bit(ebx7, 17, "avx512dq");
        Bit(ebx7, 28, "avx512cd"); Bit(ebx7, 30, "avx512bw"); Bit(ebx7, 31, "avx512vl");
        Bit(ecxExt, 5, "lzcnt");
        var listed = Flags(cpuinfo);
        features.RemoveWhere(f => NeedOsSupport.Contains(f) && !listed.Contains(f));
        return features;
    }

    /// <summary>The words of the first <c>flags</c> line of /proc/cpuinfo text (empty when there is none).</summary>
    public static HashSet<string> Flags(string cpuinfo)
    {
        string? line = cpuinfo.Split('\n').FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
        return line is null ? [] : line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The level named by <c>x86-64-vN</c>, or null for anything else.</summary>
    public static int? ParseLevel(string? name) =>
        name is { Length: 9 } && name.StartsWith("x86-64-v", StringComparison.Ordinal) && name[8] is >= '1' and <= '4' ? name[8] - '0' : null;

    /// <summary>Under NativeAOT on Linux x64, replaces this process with the best variant for the CPU; otherwise returns.</summary>
    public static void HandOver(string[] args)
    {
        if (RuntimeFeature.IsDynamicCodeSupported || !OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return;
        string? self = Environment.ProcessPath;
        if (self is null || !File.Exists("/proc/cpuinfo")) return;
        int level = Level(CpuFeatures(File.ReadAllText("/proc/cpuinfo")));
        if (ParseLevel(Environment.GetEnvironmentVariable(Variable)) is int cap) level = Math.Min(level, cap);
        bool debug = Environment.GetEnvironmentVariable("DENDRITE_DEBUG") == "1";
        for (int l = level; l > CompiledLevel; l--)
        {
            string variant = $"{self}-x86-64-v{l}";
            if (!File.Exists(variant)) continue;
            if (debug) Console.Error.WriteLine($"dendrite: handing over to {variant}");
            Execv(variant, [variant, .. args, null]);
            if (debug) Console.Error.WriteLine($"dendrite: exec of {variant} failed (errno {Marshal.GetLastPInvokeError()}); staying on x86-64-v{CompiledLevel}");
        }
        if (debug) Console.Error.WriteLine($"dendrite: running the x86-64-v{CompiledLevel} build ({self})");
    }

    [LibraryImport("libc.so.6", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Execv(string path, string?[] argv);
}
