using System.Globalization;

namespace Dendrite.Cli.Specs;

/// <summary>
/// Checks a model's parameter sizes from the spec, layer by layer, before any layer allocates: every tensor within
/// .NET's array limit (<see cref="Array.MaxLength"/> elements), and the running total of parameter bytes, times the
/// <see cref="Copies"/> training holds, within the memory the process may use (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>).
/// Errors name the layer's field and the limit.
/// </summary>
/// <param name="budgetBytes">The most parameter bytes the whole model may take.</param>
/// <param name="elementSize">Bytes per parameter (4 for float32, 8 for float64).</param>
internal sealed class ParameterBudget(long budgetBytes, int elementSize)
{
    /// <summary>Copies of the parameters a training run holds: the weights, their gradients and Adam's two moments.</summary>
    public const int Copies = 4;

    private long _total;

    /// <summary>The budget of this machine: all the memory the GC may use (the container limit, or physical memory).</summary>
    public static ParameterBudget ForMachine(DType dtype) => new(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, dtype.ElementSize());

    /// <summary>Parameters counted so far.</summary>
    public long Count => _total;

    /// <summary>Adds one layer's parameter tensors; a <see cref="CliException"/> naming <paramref name="path"/>.<c>field</c> when one is too large.</summary>
    /// <param name="path">The layer's path, e.g. <c>model.layers[2]</c>.</param>
    /// <param name="tensors">Each parameter tensor: the spec field that sizes it, its name and its dimensions.</param>
    public void Add(string path, IEnumerable<(string Field, string Tensor, long[] Dims)> tensors)
    {
        foreach (var (field, tensor, dims) in tensors)
        {
            // Saturating product: no dimension list can overflow into a small count.
            long elements = dims.Contains(0) ? 0 : 1;
            foreach (long d in dims) elements = d <= 0 || elements > Array.MaxLength / d ? (d <= 0 ? 0 : long.MaxValue) : elements * d;
            string shape = string.Join(" × ", dims.Select(d => d.ToString("N0", CultureInfo.InvariantCulture)));
            if (elements > Array.MaxLength)
                throw new CliException($"{path}.{field}: its {tensor} would be {shape} = {Big(dims)} values, more than the " +
                                       $"{Array.MaxLength.ToString("N0", CultureInfo.InvariantCulture)} one tensor can hold");
            _total += elements;
            if (_total > budgetBytes / elementSize / Copies)
                throw new CliException($"{path}.{field}: the model's parameters would reach {_total.ToString("N0", CultureInfo.InvariantCulture)} values " +
                                       $"({Bytes(_total * (long)elementSize)}) with this layer's {tensor} ({shape}); training holds {Copies} copies " +
                                       $"(weights, gradients, optimizer moments), more than the {Bytes(budgetBytes)} of memory this process may use");
        }
    }

    private static string Big(long[] dims) =>
        dims.Aggregate(System.Numerics.BigInteger.One, (p, d) => p * d).ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
