using Dendrite.Autograd;
using Dendrite.Models;
using Dendrite.NN;
using Dendrite.Tests.Support;
using Xunit;

namespace Dendrite.Tests.NN;

/// <summary>Conv → BatchNorm2d (eval) → ReLU folded into one convolution under <see cref="InferenceFusion.Apply"/> without a graph.</summary>
public class InferenceFusionTests
{
    /// <summary>A conv (with bias) + BN with non-trivial γ, β and running statistics + ReLU, in evaluation mode.</summary>
    private static (Sequential Model, Conv2d Conv, BatchNorm2d Norm) ConvNormRelu(DType dtype, Random random)
    {
        var conv = new Conv2d(3, 5, 3, stride: 2, padding: 1, random: random, dtype: dtype);
        var norm = new BatchNorm2d(5, dtype: dtype);
        var model = new Sequential(conv, norm, new Relu());
        for (int i = 0; i < 3; i++) model.Forward(Tensor.Uniform([4, 3, 9, 9], -2, 3, random).To(dtype)); // running statistics
        norm.Weight.Assign(Tensor.Uniform([5], 0.5, 2, random).To(dtype));
        norm.Bias.Assign(Tensor.Uniform([5], -1, 1, random).To(dtype));
        model.Eval();
        return (model, conv, norm);
    }

    /// <summary>The forward under the fusion transform, as <c>Trainer.Predict</c> runs it.</summary>
    private static Tensor Fused(Module model, Tensor x)
    {
        using var noGrad = GradMode.NoGrad();
        using var fusion = InferenceFusion.Apply(model);
        return model.Forward(x);
    }

    [Fact]
    public void FoldedForwardMatchesNaiveConvolutionThenNormThenRelu()
    {
        var random = new Random(3);
        var (model, conv, norm) = ConvNormRelu(DType.Float64, random);
        var x = Tensor.Uniform([2, 3, 9, 9], -1, 1, random).To(DType.Float64);
        var y = Fused(model, x);

        double[] xs = x.ToArray<double>(), w = conv.Weight.ToArray<double>(), b = conv.Bias!.ToArray<double>();
        double[] gamma = norm.Weight.ToArray<double>(), beta = norm.Bias.ToArray<double>();
        double[] mean = norm.RunningMean.ToArray<double>(), variance = norm.RunningVariance.ToArray<double>();
        var expected = new List<double>();
        for (int n = 0; n < 2; n++)
            for (int o = 0; o < 5; o++)
                for (int oy = 0; oy < 5; oy++)
                    for (int ox = 0; ox < 5; ox++)
                    {
                        double z = b[o];
                        for (int c = 0; c < 3; c++)
                            for (int i = 0; i < 3; i++)
                                for (int j = 0; j < 3; j++)
                                {
                                    int iy = oy * 2 - 1 + i, ix = ox * 2 - 1 + j;
                                    if (iy >= 0 && iy < 9 && ix >= 0 && ix < 9) z += w[((o * 3 + c) * 3 + i) * 3 + j] * xs[((n * 3 + c) * 9 + iy) * 9 + ix];
                                }
                        double bn = gamma[o] * (z - mean[o]) / Math.Sqrt(variance[o] + 1e-5) + beta[o];
                        expected.Add(Math.Max(0, bn));
                    }
        Assert.Equal([2, 5, 5, 5], y.Shape.ToArray());
        Assert.Contains(expected, v => v == 0); // the ReLU clips something
        Naive.AssertClose(expected, y.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void FoldedFloat32ForwardMatchesTheLayerByLayerForward()
    {
        var random = new Random(4);
        var (model, _, _) = ConvNormRelu(DType.Float32, random);
        var x = Tensor.Uniform([3, 3, 9, 9], -1, 1, random);
        float[] unfused;
        using (GradMode.NoGrad()) unfused = model.Forward(x).ToArray<float>(); // no transform: the layers run one by one
        var fused = Fused(model, x).ToArray<float>();
        Assert.NotEqual(unfused, fused); // folding rounds differently, so the fused path did run
        Naive.AssertClose([.. unfused.Select(v => (double)v)], [.. fused.Select(v => (double)v)], 2e-5);
    }

    [Fact]
    public void ResNetPredictionsMatchTheUnfusedForwardAndLeaveTheInputAlone()
    {
        var random = new Random(5);
        var model = new ResNetCifar(n: 1, numClasses: 10, inChannels: 3, random: random);
        for (int i = 0; i < 2; i++) model.Forward(Tensor.Uniform([8, 3, 16, 16], -1, 1, random));
        model.Eval();
        var x = Tensor.Uniform([4, 3, 16, 16], -1, 1, random);
        float[] before = x.ToArray<float>();
        var unfused = model.Forward(x).ToArray<float>();
        var fused = Fused(model, x).ToArray<float>();
        Assert.Equal(before, x.ToArray<float>());
        Assert.NotEqual(unfused, fused);
        Naive.AssertClose([.. unfused.Select(v => (double)v)], [.. fused.Select(v => (double)v)], 1e-4);
    }

    [Fact]
    public void IdentityShortcutIsNotRectifiedInPlace()
    {
        var random = new Random(6);
        var block = new BasicBlock(4, 4, random: random);
        block.Eval();
        var x = Tensor.Uniform([2, 4, 6, 6], -1, 1, random);
        float[] before = x.ToArray<float>();
        Fused(block, x);
        Assert.Equal(before, x.ToArray<float>());
    }

    [Fact]
    public void TrainingModeWithoutAGraphUsesBatchStatistics()
    {
        var random = new Random(7);
        var (model, _, _) = ConvNormRelu(DType.Float64, random);
        model.Train();
        var x = Tensor.Uniform([4, 3, 9, 9], -1, 1, random).To(DType.Float64);
        var withGraph = model.Forward(x).ToArray<double>();
        var withoutGraph = Fused(model, x).ToArray<double>();
        Assert.Equal(withGraph, withoutGraph); // bitwise: nothing was folded
    }

    [Fact]
    public void SummaryStillListsEveryLayer()
    {
        var (model, _, _) = ConvNormRelu(DType.Float32, new Random(8));
        string summary = model.Summary([1, 3, 9, 9]);
        Assert.Contains("BatchNorm2d", summary);
        Assert.Contains("Relu", summary);
    }

    [Fact]
    public void DenseThenReluIsRectifiedInPlaceWithTheSameResult()
    {
        var random = new Random(9);
        var model = new Sequential(new Dense(6, 8, random: random), new Relu(), new Dense(8, 3, random: random));
        var x = Tensor.Uniform([5, 6], -1, 1, random);
        float[] before = x.ToArray<float>();
        var withGraph = model.Forward(x).ToArray<float>();
        var withoutGraph = Fused(model, x).ToArray<float>();
        Assert.Equal(withGraph, withoutGraph); // bitwise: the same kernels, only the ReLU's destination differs
        Assert.Equal(before, x.ToArray<float>());
    }

    [Fact]
    public void WithoutTheTransformANoGradForwardIsTheTextbookSequence()
    {
        var (model, conv, norm) = ConvNormRelu(DType.Float64, new Random(10));
        var x = Tensor.Uniform([2, 3, 9, 9], -1, 1, new Random(11)).To(DType.Float64);
        double[] plain;
        using (GradMode.NoGrad()) plain = model.Forward(x).ToArray<double>();
        double[] layerByLayer;
        using (GradMode.NoGrad()) layerByLayer = norm.Forward(conv.Forward(x)).Relu().ToArray<double>();
        Assert.Equal(layerByLayer, plain);
        Assert.NotEqual(plain, Fused(model, x).ToArray<double>());
        Assert.False(InferenceFusion.IsApplied);
    }

    [Fact]
    public void ReplacingALayerReplansTheFusion()
    {
        var random = new Random(12);
        var model = new Sequential(new Dense(4, 5, random: random), new Relu(), new Dense(5, 2, random: random));
        var x = Tensor.Uniform([3, 4], -1, 1, random);
        Fused(model, x);
        model[1] = new Tanh();
        var expected = model.Forward(x).ToArray<float>();
        Assert.Equal(expected, Fused(model, x).ToArray<float>());
        Assert.Contains(expected, v => v < 0); // tanh, not a stale ReLU
    }

    [Fact]
    public void ResNetPredictUsesTheFusedFormAndMatchesTheTextbookForward()
    {
        var random = new Random(13);
        var model = new ResNetCifar(n: 1, numClasses: 4, inChannels: 1, random: random);
        model.Forward(Tensor.Uniform([8, 1, 12, 12], -1, 1, random));
        model.Eval();
        var x = Tensor.Uniform([5, 1, 12, 12], -1, 1, random);
        var trainer = new Dendrite.Training.Trainer(model, new Dendrite.Optim.Sgd(model.Parameters(), 0.1), Loss.CrossEntropy);
        var predicted = trainer.Predict(x).ToArray<float>();
        Assert.Equal(Fused(model, x).ToArray<float>(), predicted);
        Naive.AssertClose([.. model.Forward(x).ToArray<float>().Select(v => (double)v)], [.. predicted.Select(v => (double)v)], 1e-4);
    }
}
