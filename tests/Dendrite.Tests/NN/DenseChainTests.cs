using Dendrite.Autograd;
using Dendrite.NN;
using Xunit;

namespace Dendrite.Tests.NN;

/// <summary>Runs of Dense (→ ReLU) layers evaluated as bare GEMMs on scratch buffers under the fusion transform, with no graph.</summary>
public class DenseChainTests
{
    private static Sequential Mlp(DType dtype, Random random, int width = 16) => new(
        new Dense(12, width, random: random, dtype: dtype), new Relu(),
        new Dense(width, 9, bias: false, random: random, dtype: dtype), new Relu(),
        new Dense(9, 5, random: random, dtype: dtype), new Relu(),
        new Dense(5, 3, random: random, dtype: dtype));

    private static void RandomizeBiases(Sequential model, Random random)
    {
        foreach (var p in model.Parameters())
            if (p.Rank == 1) p.Assign(Tensor.Uniform(p.Shape, -0.5, 0.5, random).To(p.DType));
    }

    [Theory]
    [InlineData(DType.Float32, 1)]
    [InlineData(DType.Float32, 7)]
    [InlineData(DType.Float64, 1)]
    [InlineData(DType.Float64, 4)] // the skinny GEMM's largest batch
    public void ChainIsBitwiseTheLayerByLayerForward(DType dtype, int batch)
    {
        var random = new Random(11);
        var model = Mlp(dtype, random);
        RandomizeBiases(model, random);
        var x = Tensor.Uniform([batch, 12], -1, 1, random).To(dtype);
        var withGraph = model.Forward(x); // a graph is recorded, so every layer runs on its own
        Tensor withoutGraph;
        using (GradMode.NoGrad()) using (InferenceFusion.Apply(model)) withoutGraph = model.Forward(x);
        Assert.Equal([batch, 3], withoutGraph.Shape.ToArray());
        if (dtype == DType.Float64) Assert.Equal(withGraph.ToArray<double>(), withoutGraph.ToArray<double>());
        else Assert.Equal(withGraph.ToArray<float>(), withoutGraph.ToArray<float>());
    }

    [Fact]
    public void ChainMatchesANaiveDoublePrecisionMlp()
    {
        var random = new Random(12);
        var model = Mlp(DType.Float64, random);
        RandomizeBiases(model, random);
        var x = Tensor.Uniform([3, 12], -1, 1, random).To(DType.Float64);
        double[] actual;
        using (GradMode.NoGrad()) using (InferenceFusion.Apply(model)) actual = model.Forward(x).ToArray<double>();

        double[] a = x.ToArray<double>();
        int width = 12;
        for (int i = 0; i < 7; i++)
        {
            if (model[i] is not Dense d) continue;
            double[] w = d.Weight.ToArray<double>(), b = d.Bias?.ToArray<double>() ?? new double[d.OutFeatures];
            var z = new double[3 * d.OutFeatures];
            for (int n = 0; n < 3; n++)
                for (int o = 0; o < d.OutFeatures; o++)
                {
                    double s = b[o];
                    for (int k = 0; k < width; k++) s += a[n * width + k] * w[o * width + k];
                    z[n * d.OutFeatures + o] = i + 1 < 7 ? Math.Max(0, s) : s;
                }
            a = z;
            width = d.OutFeatures;
        }
        Assert.Equal(a.Length, actual.Length);
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], actual[i], 1e-12);
    }

    [Fact]
    public void LargeBatchesTakeTheThreadedReluAndAllocateOnlyTheOutput()
    {
        var random = new Random(13);
        var model = new Sequential(new Dense(20, 512, random: random), new Relu(), new Dense(512, 512, random: random), new Relu(), new Dense(512, 4, random: random));
        var x = Tensor.Uniform([160, 20], -1, 1, random); // 81,920 activations per hidden layer: past the threaded-ReLU threshold
        var withGraph = model.Forward(x).ToArray<float>();
        float[] withoutGraph;
        long allocated;
        using (GradMode.NoGrad())
        using (InferenceFusion.Apply(model))
        {
            model.Forward(x); // grows the scratch buffers
            long before = GC.GetAllocatedBytesForCurrentThread();
            var y = model.Forward(x);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            withoutGraph = y.ToArray<float>();
        }
        Assert.Equal(withGraph, withoutGraph);
        Assert.True(allocated < 160 * 512 * sizeof(float), $"a no-graph forward allocated {allocated} bytes: the hidden activations were not kept in scratch");
    }

    [Fact]
    public void OutputsOfEarlierCallsAreNotOverwritten()
    {
        var random = new Random(14);
        var model = Mlp(DType.Float32, random);
        var x1 = Tensor.Uniform([2, 12], -1, 1, random);
        var x2 = Tensor.Uniform([2, 12], -1, 1, random);
        using var _ = GradMode.NoGrad();
        using var fusion = InferenceFusion.Apply(model);
        var y1 = model.Forward(x1);
        float[] first = y1.ToArray<float>();
        model.Forward(x2);
        Assert.Equal(first, y1.ToArray<float>());
        Assert.Equal(first, model.Forward(x1).ToArray<float>());
    }

    [Fact]
    public void TransposedInputGivesTheSameResultAsItsContiguousCopy()
    {
        var random = new Random(15);
        var model = Mlp(DType.Float32, random);
        var xt = Tensor.Uniform([12, 6], -1, 1, random).T; // a [6, 12] view with strides [1, 6]
        using var _ = GradMode.NoGrad();
        using var fusion = InferenceFusion.Apply(model);
        Assert.Equal(model.Forward(xt.Contiguous()).ToArray<float>(), model.Forward(xt).ToArray<float>());
    }

    [Fact]
    public void MismatchedLayerStillReportsBothShapes()
    {
        var random = new Random(16);
        var model = new Sequential(new Dense(6, 8, random: random), new Relu(), new Dense(8, 4, random: random), new Dense(9, 3, random: random));
        using var _ = GradMode.NoGrad();
        using var fusion = InferenceFusion.Apply(model);
        var error = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Uniform([2, 6], -1, 1, random)));
        Assert.Contains("Dense(9 => 3)", error.Message);
        Assert.Contains("[2, 4]", error.Message);
    }

    /// <summary>A batch-1 forward reads the weights packed once (<see cref="WeightPacks"/>); every kind of write to the
    /// weights must reach the next forward, which must stay bitwise the layer-by-layer one.</summary>
    [Theory]
    [InlineData("optimizer step")]
    [InlineData("loaded weights")]
    [InlineData("write through a view")]
    public void BatchOneForwardSeesEveryChangeOfTheWeights(string change)
    {
        var random = new Random(17);
        var model = new Sequential(new Dense(40, 24, random: random), new Relu(), new Dense(24, 16, random: random), new Relu(), new Dense(16, 3, random: random));
        var x = Tensor.Uniform([1, 40], -1, 1, random);
        float[] Fused()
        {
            using var _ = GradMode.NoGrad();
            using var fusion = InferenceFusion.Apply(model);
            return model.Forward(x).ToArray<float>();
        }
        float[] before = Fused();
        Assert.Equal(model.Forward(x).ToArray<float>(), before);
        var first = (Dense)model[0];
        switch (change)
        {
            case "optimizer step":
                var optimizer = new Dendrite.Optim.Sgd(model.Parameters(), learningRate: 0.5);
                model.Forward(x).Sum().Backward();
                optimizer.Step();
                break;
            case "loaded weights":
                first.Weight.Assign(Tensor.Uniform(first.Weight.Shape, -1, 1, random));
                break;
            default:
                ViewOps.ScatterAdd(Tensor.Full([1, 40], 0.25), first.Weight.Narrow(0, 3, 1));
                break;
        }
        float[] after = Fused();
        Assert.NotEqual(before, after);
        Assert.Equal(model.Forward(x).ToArray<float>(), after);
    }

    [Fact]
    public void OnlyWeightsUpToTheCapAreKeptPacked()
    {
        var packs = new WeightPacks(2);
        var small = Tensor.Uniform([16, 40], -1, 1, new Random(18));
        var large = Tensor.Zeros([(int)(WeightPacks.MaxBytes / sizeof(float) / 1024) + 1, 1024]);
        Assert.Equal(16 * 40, packs.For<float>(0, small).Length);
        Assert.True(packs.For<float>(1, large).IsEmpty, "a weight over the cap was packed");
    }
}
