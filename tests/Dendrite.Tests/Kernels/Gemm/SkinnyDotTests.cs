using Dendrite.Tensors.Kernels;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>The batch-1 GEMM's dot products: aligned loads with masked ends, yet results independent of addresses.</summary>
public class SkinnyDotTests
{
    /// <summary>Dot products of x with 13 rows of B (a group of eight, one of four and a single row) for B placed at every offset
    /// within a vector, and x at two offsets: each must be bitwise the same wherever the arrays sit, and close to a
    /// double-precision sum.</summary>
    private static void CheckPlacements<T>(int k, int ld, Func<Random, T> draw, Func<T, double> toDouble, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(k * 31 + ld);
        const int rows = 13, slack = 16;
        T[] x = new T[k + slack], b = new T[rows * ld + slack];
        T[] xs = new T[k], bs = new T[rows * ld];
        for (int i = 0; i < k; i++) xs[i] = draw(random);
        for (int i = 0; i < bs.Length; i++) bs[i] = i % ld < k ? draw(random) : T.CreateChecked(double.NaN); // NaN padding is never read
        T[]? first = null;
        for (int xo = 0; xo < 2; xo++)
            for (int bo = 0; bo < 8; bo++)
            {
                Array.Fill(x, T.CreateChecked(double.NaN));
                Array.Fill(b, T.CreateChecked(double.NaN));
                xs.CopyTo(x, xo);
                bs.CopyTo(b, bo);
                var d = new T[rows]; // a batch-1 nn.Linear: rows of B in a group of eight, one of four, the last on its own
                Gemm.Multiply(false, true, 1, rows, k, x.AsSpan(xo, k), k, b.AsSpan(bo, (rows - 1) * ld + k), ld, d, rows, T.One, T.Zero);
                if (first is null)
                {
                    first = d;
                    for (int r = 0; r < rows; r++)
                    {
                        double expected = 0;
                        for (int p = 0; p < k; p++) expected += toDouble(xs[p]) * toDouble(bs[r * ld + p]);
                        Assert.True(Math.Abs(toDouble(d[r]) - expected) <= tolerance * (1 + Math.Abs(expected)),
                            $"k={k} ld={ld} row {r}: {toDouble(d[r])} vs {expected}");
                    }
                }
                else
                {
                    Assert.True(first.SequenceEqual(d), $"k={k} ld={ld}: x offset {xo}, B offset {bo} changed the bits");
                }
            }
    }

    [SkinnyDotTheory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(7, 9)]
    [InlineData(8, 8)]
    [InlineData(13, 16)] // rows 64 bytes apart share their misalignment: aligned loads
    [InlineData(29, 29)] // rows with different misalignments: unaligned loads, same canonical lanes
    [InlineData(64, 64)]
    [InlineData(100, 104)]
    [InlineData(784, 784)]
    public void FloatResultsDoNotDependOnAddresses(int k, int ld)
    {
        CheckPlacements<float>(k, ld, r => (float)(r.NextDouble() * 2 - 1), v => v, 1e-5);
    }

    [SkinnyDotTheory]
    [InlineData(1, 1)]
    [InlineData(5, 8)]
    [InlineData(6, 6)]
    [InlineData(31, 32)]
    [InlineData(257, 257)]
    public void DoubleResultsDoNotDependOnAddresses(int k, int ld)
    {
        CheckPlacements<double>(k, ld, r => r.NextDouble() * 2 - 1, v => v, 1e-13);
    }

    [SkinnyDotTheory]
    [InlineData(37)]
    public void NegativeZeroProductsStayNegativeZero(int k)
    {
        float[] x = new float[k + 3], b = new float[k + 11], d = new float[1];
        Array.Fill(x, -0f);
        Array.Fill(b, 1f);
        for (int bo = 0; bo < 8; bo++)
        {
            Gemm.Multiply(false, true, 1, 1, k, x, k, b.AsSpan(bo, k), k, d, 1, 1f, 0f);
            Assert.True(float.IsNegative(d[0]) && d[0] == 0, $"offset {bo}: {d[0]} (a sum of −0 products is −0)");
        }
    }
    /// <summary>A row's dot product has the same bits whether it was computed in a group of eight, of four or alone.</summary>
    [SkinnyDotTheory]
    [InlineData(784)]
    [InlineData(45)]
    public void RowsAgreeWhateverTheirGroup(int k)
    {
        var random = new Random(k);
        const int rows = 13;
        float[] x = new float[k], b = new float[rows * k + 3], all = new float[rows], alone = new float[1];
        for (int i = 0; i < k; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        for (int i = 0; i < b.Length; i++) b[i] = (float)(random.NextDouble() * 2 - 1);
        var rowsOfB = b.AsSpan(3, rows * k); // rows 3 floats past an aligned start: masked first and last vectors
        Gemm.Multiply(false, true, 1, rows, k, x, k, rowsOfB, k, all, rows, 1f, 0f);
        for (int r = 0; r < rows; r++)
        {
            Gemm.Multiply(false, true, 1, 1, k, x, k, rowsOfB.Slice(r * k, k), k, alone, 1, 1f, 0f);
            Assert.True(BitConverter.SingleToInt32Bits(all[r]) == BitConverter.SingleToInt32Bits(alone[0]), $"k={k} row {r}: {all[r]} in its group, {alone[0]} alone");
        }
    }

    /// <summary>Weights packed by <see cref="SkinnyPacking{T}"/> give the bits of the rows read in place, for batches of one to
    /// four, one or two threads, depths with and without a partial last vector, and a last partial group of rows.</summary>
    [SkinnyDotTheory]
    [InlineData(1, 13)]
    [InlineData(45, 13)]
    [InlineData(784, 77)] // 60 K weights: split over the threads
    public void PackedWeightsGiveTheSameBits(int k, int n)
    {
        CheckPacked<float>(k, n, r => (float)(r.NextDouble() * 2 - 1));
        CheckPacked<double>(k, n, r => r.NextDouble() * 2 - 1);
    }

    private static void CheckPacked<T>(int k, int n, Func<Random, T> draw) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(k + n);
        T[] w = new T[n * k], bias = new T[n], x = new T[4 * k];
        for (int i = 0; i < w.Length; i++) w[i] = draw(random);
        for (int i = 0; i < n; i++) bias[i] = draw(random);
        for (int i = 0; i < x.Length; i++) x[i] = draw(random);
        int length = (int)SkinnyPacking<T>.Length(n, k), slack = 32 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        T[] packed = GC.AllocateArray<T>(length + slack, pinned: true);
        int start = (int)((32 - System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(packed, 0) % 32) % 32) / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        SkinnyPacking<T>.Pack(w, k, n, k, packed.AsSpan(start, length));
        int saved = Gemm.MaxThreads;
        try
        {
            foreach (int threads in new[] { 1, 2 })
            {
                Gemm.MaxThreads = threads;
                for (int m = 1; m <= GemmSkinny<T>.MaxRows; m++)
                {
                    T[] inPlace = new T[m * n], fromPacked = new T[m * n];
                    Gemm.Linear<T>(m, n, k, x.AsSpan(0, m * k), w, bias, inPlace, relu: true);
                    Gemm.Linear<T>(m, n, k, x.AsSpan(0, m * k), w, bias, fromPacked, relu: true, packed.AsSpan(start, length));
                    Assert.True(inPlace.SequenceEqual(fromPacked), $"{typeof(T).Name} k={k} n={n} m={m}, {threads} threads: packed weights changed the bits");
                }
            }
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }
}
