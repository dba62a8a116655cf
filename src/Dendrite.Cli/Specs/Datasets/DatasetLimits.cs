using System.Globalization;

namespace Dendrite.Cli.Specs;

/// <summary>Size limits of generated data sets, checked before anything is generated, with errors naming the field and the limit.</summary>
internal static class DatasetLimits
{
    /// <summary>Most examples a generated table (moons, circles, blobs…) or the dates set may have.</summary>
    public const int MaxExamples = 10_000_000;

    /// <summary>Most images a generated image set may have.</summary>
    public const int MaxImages = 1_000_000;

    /// <summary>
    /// Fails when <paramref name="count"/> images of <paramref name="channels"/> × side × side values (float32 or float64
    /// by <paramref name="dtype"/>) do not fit one tensor, or the memory this process may use.
    /// </summary>
    public static void Images(string field, int count, int channels, int side, DType dtype)
    {
        long values = (long)count * channels * side * side;
        long bytes = values * dtype.ElementSize(), budget = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        string what = $"{field}: {N(count)} images of {channels} × {side} × {side} are {N(values)} values";
        if (values > Array.MaxLength) throw new CliException($"{what}, more than the {N(Array.MaxLength)} one tensor can hold");
        if (bytes > budget / 2)
            throw new CliException($"{what} ({N(bytes >> 20)} MiB), more than half the {N(budget >> 20)} MiB of memory this process may use");
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
