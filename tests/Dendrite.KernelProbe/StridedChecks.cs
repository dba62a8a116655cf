using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.KernelProbe;

/// <summary>Checks <see cref="Strided.Gather"/> and <see cref="Strided.ScatterAdd"/> for float and double.</summary>
public static class StridedChecks
{
    /// <summary>Views: (offset, shape, strides) covering rank 0, transposes, broadcasting (stride 0) and empty views.</summary>
    private static readonly (int Offset, int[] Shape, int[] Strides)[] Views =
    [
        (3, [], []),
        (0, [1], [1]),
        (0, [130], [1]),
        (5, [67], [2]),
        (2, [33], [0]),
        (0, [5, 3], [1, 5]),
        (1, [4, 6], [1, 0]),
        (0, [7, 9], [0, 1]),
        (4, [2, 3, 4], [12, 4, 1]),
        (0, [2, 3, 4], [0, 4, 1]),
        (6, [2, 3, 4], [1, 0, 2]),
        (0, [3, 4, 2, 5], [40, 1, 20, 4]),
        (0, [3, 0], [1, 1]),
    ];

    /// <summary>Runs the family.</summary>
    public static void Run(CheckLog log)
    {
        Run<float>(log);
        Run<double>(log);
    }

    private static void Run<T>(CheckLog log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach ((int offset, int[] shape, int[] strides) in Views)
        {
            string what = $"<{typeof(T).Name}>(offset {offset}, shape [{string.Join(", ", shape)}], strides [{string.Join(", ", strides)}])";
            int[] offsets = Naive.StridedOffsets(offset, shape, strides);
            int sourceLength = (offsets.Length == 0 ? offset : offsets.Max()) + 3;
            Random rng = Inputs.Rng(what, 0);
            T[] src = Inputs.Uniform<T>(rng, sourceLength, -10, 10);

            var gathered = new Guarded<T>(offsets.Length);
            Strided.Gather<T>(src, offset, shape, strides, gathered.Span);
            log.Close($"Gather{what}", gathered.Span, offsets.Select(o => double.CreateTruncating(src[o])).ToArray(), Tolerance.Rounding<T>());
            log.Check(gathered.GuardsIntact, $"Gather{what}: wrote outside the destination");

            T[] contributions = Inputs.Uniform<T>(rng, offsets.Length, -10, 10);
            var dst = new Guarded<T>(src);
            double[] expected = Widen.ToDouble<T>(src), scale = expected.Select(Math.Abs).ToArray();
            for (int k = 0; k < offsets.Length; k++)
            {
                double c = double.CreateTruncating(contributions[k]);
                expected[offsets[k]] += c;
                scale[offsets[k]] += Math.Abs(c);
            }
            Strided.ScatterAdd<T>(contributions, dst.Span, offset, shape, strides);
            log.Close($"ScatterAdd{what}", dst.Span, expected, Tolerance.Transcendental<T>(), scale);
            log.Check(dst.GuardsIntact, $"ScatterAdd{what}: wrote outside the destination");
        }
    }
}
