using Dendrite.Autograd;
using Dendrite.NN;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Autograd;

/// <summary>The whole-sequence LSTM op: a naive double loop, the gradient check, and the step-by-step path it replaces.</summary>
public class LstmSequenceOpTests
{
    public static TheoryData<bool, bool> Directions => new() { { false, true }, { true, true }, { false, false }, { true, false } };

    [Theory]
    [MemberData(nameof(Directions))]
    public void Forward_matches_a_naive_loop(bool reverse, bool bias)
    {
        const int steps = 5, rows = 19, hidden = 4; // 19 rows: two of LstmStep's batch blocks, the second partial
        var random = new Random(11);
        var xp = Tensor.Uniform([steps, rows, 4 * hidden], -1, 1, random, DType.Float64);
        var h0 = Tensor.Uniform([rows, hidden], -1, 1, random, DType.Float64);
        var c0 = Tensor.Uniform([rows, hidden], -1, 1, random, DType.Float64);
        var whh = Tensor.Uniform([4 * hidden, hidden], -1, 1, random, DType.Float64);
        var bhh = bias ? Tensor.Uniform([4 * hidden], -1, 1, random, DType.Float64) : null;
        var actual = LstmSequenceOp.Apply(xp, h0, c0, whh, bhh, reverse).ToArray<double>();

        double[] x = xp.ToArray<double>(), w = whh.ToArray<double>(), b = bhh?.ToArray<double>() ?? new double[4 * hidden];
        double[] h = h0.ToArray<double>(), c = c0.ToArray<double>();
        var expected = new double[(steps + 1) * rows * hidden];
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        for (int s = 0; s < steps; s++)
        {
            int t = reverse ? steps - 1 - s : s;
            double[] hNext = new double[rows * hidden], cNext = new double[rows * hidden];
            for (int n = 0; n < rows; n++)
                for (int j = 0; j < hidden; j++)
                {
                    var z = new double[4];
                    for (int gate = 0; gate < 4; gate++)
                    {
                        int r = gate * hidden + j;
                        z[gate] = x[(t * rows + n) * 4 * hidden + r] + b[r];
                        for (int k = 0; k < hidden; k++) z[gate] += h[n * hidden + k] * w[r * hidden + k];
                    }
                    double cell = Sigmoid(z[1]) * c[n * hidden + j] + Sigmoid(z[0]) * Math.Tanh(z[2]);
                    cNext[n * hidden + j] = cell;
                    hNext[n * hidden + j] = Sigmoid(z[3]) * Math.Tanh(cell);
                }
            (h, c) = (hNext, cNext);
            h.CopyTo(expected, t * rows * hidden);
        }
        c.CopyTo(expected, steps * rows * hidden);
        Naive.AssertClose(expected, actual, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public void Passes_the_gradient_check(bool reverse, bool bias)
    {
        const int rows = 17, hidden = 2; // 17 rows: a full batch block and a one-row block
        int steps = bias ? 4 : 3; // both parities: ∂L/∂c₀ ends in either of the sweep's two cell-gradient buffers
        Tensor[] inputs = [Gradients.Leaf([steps, rows, 4 * hidden], 1, -1, 1), Gradients.Leaf([rows, hidden], 2, -1, 1),
                           Gradients.Leaf([rows, hidden], 3, -1, 1), Gradients.Leaf([4 * hidden, hidden], 4, -1, 1),
                           .. bias ? [Gradients.Leaf([4 * hidden], 5, -1, 1)] : Array.Empty<Tensor>()];
        Gradients.AssertCorrect(t => LstmSequenceOp.Apply(t[0], t[1], t[2], t[3], bias ? t[4] : null, reverse), inputs);
    }

    [Fact]
    public void A_layer_without_lengths_computes_what_the_step_by_step_path_computes()
    {
        // Lengths that are all T take the per-step path (one LstmCell op per step); no lengths take the sequence op.
        var lstm = new Lstm(3, 4, numLayers: 2, bidirectional: true, random: new Random(8), dtype: DType.Float64);
        var x = Tensor.Uniform([6, 2, 3], -1, 1, new Random(9), DType.Float64);
        var w = Tensor.Uniform([6, 2, 8], 0.5, 1.5, new Random(10), DType.Float64);
        (double[] Output, double[] Hidden, double[] Cell, double[][] Grads) Run(int[]? lengths)
        {
            lstm.ZeroGrad();
            var r = lstm.Run(x, lengths: lengths);
            ((r.Output * w).Sum() + (r.Hidden * r.Hidden).Sum() + r.Cell!.Sum()).Backward();
            return (r.Output.Contiguous().ToArray<double>(), r.Hidden.ToArray<double>(), r.Cell.ToArray<double>(),
                    [.. lstm.Parameters().Select(p => p.Grad!.ToArray<double>())]);
        }
        var sweep = Run(null);
        var stepped = Run([6, 6]);
        Naive.AssertClose(stepped.Output, sweep.Output, 1e-12);
        Naive.AssertClose(stepped.Hidden, sweep.Hidden, 1e-12);
        Naive.AssertClose(stepped.Cell, sweep.Cell, 1e-12);
        Assert.Equal(stepped.Grads.Length, sweep.Grads.Length);
        for (int i = 0; i < sweep.Grads.Length; i++) Naive.AssertClose(stepped.Grads[i], sweep.Grads[i], 1e-11);
    }

    [Fact]
    public void Mismatched_shapes_name_both()
    {
        var e = Assert.Throws<ArgumentException>(() => LstmSequenceOp.Apply(Tensor.Zeros([5, 2, 8]), Tensor.Zeros([2, 3]),
            Tensor.Zeros([2, 2]), Tensor.Zeros([8, 2]), null, false));
        Assert.Contains("[5, 2, 8]", e.Message);
        Assert.Contains("[2, 3]", e.Message);
    }
}
