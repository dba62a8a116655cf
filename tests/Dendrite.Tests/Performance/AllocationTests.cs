using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;
using Xunit;
using Xunit.Abstractions;

namespace Dendrite.Tests.Performance;

/// <summary>Runs alone (no other test allocates meanwhile), so process-wide figures mean something.</summary>
[CollectionDefinition(nameof(Quiet), DisableParallelization = true)]
public sealed class Quiet;

[Collection(nameof(Quiet))]
public class AllocationTests(ITestOutputHelper output)
{
    private const int BytesPerStepLimit = 16 * 1024;

    [Fact]
    public void MlpTrainingStepAllocatesOnlyAFewKilobytes()
    {
        var random = new Random(0);
        var model = new Sequential(new Dense(784, 256, random: random), new Relu(), new Dense(256, 128, random: random), new Relu(),
                                   new Dense(128, 10, random: random));
        var trainer = new Trainer(model, new Adam(model.Parameters(), 1e-3), Loss.CrossEntropy);
        var x = Tensor.Uniform([128, 784], 0, 1, random);
        var y = Tensor.FromArray([.. Enumerable.Range(0, 128).Select(i => i % 10)], [128]);
        for (int i = 0; i < 5; i++) trainer.TrainStep(x, y);

        const int steps = 200;
        long thread0 = GC.GetAllocatedBytesForCurrentThread(), process0 = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < steps; i++) trainer.TrainStep(x, y);
        double perThread = (GC.GetAllocatedBytesForCurrentThread() - thread0) / (double)steps;
        double perProcess = (GC.GetTotalAllocatedBytes(precise: true) - process0) / (double)steps;
        output.WriteLine($"per step: {perThread:F0} B on this thread, {perProcess:F0} B in the process (activations alone are ~0.6 MB)");
        Assert.True(perThread < BytesPerStepLimit, $"a training step allocated {perThread:F0} B on the calling thread");
        Assert.True(perProcess < BytesPerStepLimit, $"a training step allocated {perProcess:F0} B in the process");
    }

    [Fact]
    public void ConvolutionalTrainingStepAllocatesOnlyAFewKilobytes()
    {
        var random = new Random(0);
        var model = new Sequential(new Conv2d(1, 6, 5, padding: 2, random: random), new Relu(), new MaxPool2d(2),
                                   new Conv2d(6, 16, 5, random: random), new BatchNorm2d(16), new Relu(), new MaxPool2d(2),
                                   new Flatten(), new Dense(400, 10, random: random));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.01, momentum: 0.9), Loss.CrossEntropy);
        var x = Tensor.Uniform([32, 1, 28, 28], 0, 1, random);
        var y = Tensor.FromArray([.. Enumerable.Range(0, 32).Select(i => i % 10)], [32]);
        for (int i = 0; i < 5; i++) trainer.TrainStep(x, y);

        const int steps = 50;
        long thread0 = GC.GetAllocatedBytesForCurrentThread(), process0 = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < steps; i++) trainer.TrainStep(x, y);
        double perThread = (GC.GetAllocatedBytesForCurrentThread() - thread0) / (double)steps;
        double perProcess = (GC.GetTotalAllocatedBytes(precise: true) - process0) / (double)steps;
        output.WriteLine($"per step: {perThread:F0} B on this thread, {perProcess:F0} B in the process");
        // Convolution still builds its input-gradient phase tables and batch norm its per-chunk partials on every call (~3 KB per layer).
        Assert.True(perThread < 3 * BytesPerStepLimit, $"a convolutional training step allocated {perThread:F0} B on the calling thread");
    }

    [Fact]
    public void AnEpochOfFitTriggersNoGen2Collection()
    {
        var random = new Random(0);
        var x = Tensor.Uniform([6000, 784], 0, 1, random);
        var y = Tensor.FromArray([.. Enumerable.Range(0, 6000).Select(i => i % 10)], [6000]);
        var model = new Sequential(new Dense(784, 256, random: random), new Relu(), new Dense(256, 10, random: random));
        var trainer = new Trainer(model, new Adam(model.Parameters(), 1e-3), Loss.CrossEntropy, [new Accuracy()]);
        var loader = new DataLoader(new TensorDataset(x, y), 128, seed: 1);
        trainer.Fit(loader, epochs: 2);
        GC.Collect();
        int gen2 = GC.CollectionCount(2);
        long thread0 = GC.GetAllocatedBytesForCurrentThread(), process0 = GC.GetTotalAllocatedBytes(precise: true);
        trainer.Fit(loader, epochs: 3);
        double perStep = (GC.GetAllocatedBytesForCurrentThread() - thread0) / (double)loader.BatchCount;
        double perStepProcess = (GC.GetTotalAllocatedBytes(precise: true) - process0) / (double)loader.BatchCount;
        output.WriteLine($"epoch: {perStep:F0} B per step on this thread ({perStepProcess:F0} B in the process, which includes " +
                         $"the runtime's background work), {GC.CollectionCount(2) - gen2} gen-2 collections");
        Assert.Equal(gen2, GC.CollectionCount(2));
        Assert.True(perStep < BytesPerStepLimit, $"a Fit step allocated {perStep:F0} B");
    }
}
