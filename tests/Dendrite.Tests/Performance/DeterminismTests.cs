using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;
using Xunit;

namespace Dendrite.Tests.Performance;

/// <summary>For a fixed seed, training gives bitwise the same weights with one thread and with all of them.</summary>
[Collection(nameof(Quiet))]
public class DeterminismTests
{
    [Fact]
    public void MlpTrainingIsBitwiseIdenticalWhateverTheThreadCount()
    {
        float[][] Run() => Train(() => new Sequential(new Dense(784, 256, random: new Random(1)), new Relu(),
                                                     new Dense(256, 128, random: new Random(2)), new Relu(), new Dense(128, 10, random: new Random(3))),
                                 m => new Adam(m.Parameters(), 1e-3), [128, 784], steps: 10);
        AssertSameForOneAndTwoThreads(Run);
    }

    [Fact]
    public void CnnTrainingIsBitwiseIdenticalWhateverTheThreadCount()
    {
        float[][] Run() => Train(() => new Sequential(new Conv2d(3, 16, 3, padding: 1, random: new Random(1)), new BatchNorm2d(16), new Relu(),
                                                     new MaxPool2d(2), new Conv2d(16, 32, 3, padding: 1, random: new Random(2)), new BatchNorm2d(32),
                                                     new Relu(), new GlobalAvgPool2d(), new Dense(32, 10, random: new Random(3))),
                                 m => new Sgd(m.Parameters(), 0.05, momentum: 0.9, form: MomentumForm.PyTorch), [64, 3, 16, 16], steps: 4);
        AssertSameForOneAndTwoThreads(Run);
    }

    [Fact]
    public void LstmTrainingIsBitwiseIdenticalWhateverTheThreadCount()
    {
        // Wide enough (batch 64, 4H = 512) that the per-step and the whole-sequence GEMMs split over threads.
        float[][] Run()
        {
            var model = new Sequential(new Lstm(32, 128, bidirectional: true, random: new Random(1)), new Dense(256, 10, random: new Random(2)));
            var optimizer = new Adam(model.Parameters(), 1e-3);
            var x = Tensor.Normal([20, 64, 32], 0, 1, new Random(7));
            var y = Tensor.Normal([20, 64, 10], 0, 1, new Random(8));
            for (int i = 0; i < 3; i++)
            {
                optimizer.ZeroGrad();
                var error = model.Forward(x) - y;
                (error * error).Mean().Backward();
                optimizer.Step();
            }
            return [.. model.Parameters().Select(p => p.ToArray<float>())];
        }
        AssertSameForOneAndTwoThreads(Run);
    }

    private static void AssertSameForOneAndTwoThreads(Func<float[][]> run)
    {
        int saved = Threading.MaxThreads;
        try
        {
            Threading.MaxThreads = 1;
            var one = run();
            Threading.MaxThreads = Math.Max(2, saved);
            var all = run();
            Assert.Equal(one.Length, all.Length);
            for (int i = 0; i < one.Length; i++) Assert.Equal(one[i], all[i]);
        }
        finally
        {
            Threading.MaxThreads = saved;
        }
    }

    private static float[][] Train(Func<Module> build, Func<Module, Optimizer> optimizer, Shape inputShape, int steps)
    {
        var model = build();
        var trainer = new Trainer(model, optimizer(model), Loss.CrossEntropy);
        var x = Tensor.Normal(inputShape, 0, 1, new Random(7));
        var y = Tensor.FromArray([.. Enumerable.Range(0, inputShape[0]).Select(i => i * 7 % 10)], [inputShape[0]]);
        for (int i = 0; i < steps; i++) trainer.TrainStep(x, y);
        return [.. model.Parameters().Select(p => p.ToArray<float>()), .. model.NamedBuffers().Where(b => b.Buffer.DType == DType.Float32).Select(b => b.Buffer.ToArray<float>())];
    }
}
