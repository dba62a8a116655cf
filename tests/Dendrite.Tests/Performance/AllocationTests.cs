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
    /// <summary>What a warm training step may allocate: the autograd graph's objects, about 9 KB for the MLP and 11 KB for the CNN.</summary>
    private const int BytesPerStepLimit = 12 * 1024;

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

        var (perThread, perProcess) = BytesPerStep(() => trainer.TrainStep(x, y), windows: 4, steps: 50);
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

        var (perThread, perProcess) = BytesPerStep(() => trainer.TrainStep(x, y), windows: 4, steps: 25);
        output.WriteLine($"per step: {perThread:F0} B on this thread, {perProcess:F0} B in the process");
        // What remains is the autograd graph (tensors, backward closures, shapes): convolution caches its tables per
        // geometry and packs filters into per-thread scratch, and batch norm's temporaries are pooled.
        Assert.True(perThread < BytesPerStepLimit, $"a convolutional training step allocated {perThread:F0} B on the calling thread");
        Assert.True(perProcess < BytesPerStepLimit, $"a convolutional training step allocated {perProcess:F0} B in the process");
    }

    [Fact]
    public void CharacterLanguageModelTrainingStepAllocatesNoTensorMemory()
    {
        // Tiny Shakespeare's shape at a smaller size: 65 characters, sequences of 50, embedding 16. What a warm step
        // allocates is the autograd graph, a dozen small objects per op, so it must not grow with the tensors: a model
        // four times wider on a batch four times larger (16× the activations) may allocate only a little more.
        var (small, smallTensors) = CharacterModelStep(hidden: 32, batch: 8);
        var (large, largeTensors) = CharacterModelStep(hidden: 128, batch: 32);
        output.WriteLine($"per step: {small:F0} B with {smallTensors} B of tensors, {large:F0} B with {largeTensors} B of tensors");
        Assert.True(large < small * 1.01 + 1024, $"a char-LM step allocated {small:F0} B at hidden 32, batch 8 but {large:F0} B at hidden 128, batch 32");
        Assert.True(large < largeTensors / 20, $"a char-LM step allocated {large:F0} B, against {largeTensors} B of tensors");
    }

    /// <summary>Bytes a warm char-LM training step allocates (the lesser of this thread's and the process's figure), and a lower bound on the tensor bytes a step uses.</summary>
    private static (double Bytes, long TensorBytes) CharacterModelStep(int hidden, int batch)
    {
        const int vocabulary = 65, steps = 50;
        var random = new Random(0);
        var model = new Sequential(new Embedding(vocabulary, 16, random: random), new Lstm(16, hidden, batchFirst: true, random: random),
                                   new Dense(hidden, vocabulary, random: random));
        var trainer = new Trainer(model, new Adam(model.Parameters(), 3e-3) { ClipNorm = 5 }, (logits, y) => Loss.SequenceCrossEntropy(logits, y));
        var x = Tensor.FromArray([.. Enumerable.Range(0, batch * steps).Select(i => (i * 7) % vocabulary)], [batch, steps]);
        var y = Tensor.FromArray([.. Enumerable.Range(0, batch * steps).Select(i => (i * 7 + 7) % vocabulary)], [batch, steps]);
        for (int i = 0; i < 5; i++) trainer.TrainStep(x, y);
        var (perThread, perProcess) = BytesPerStep(() => trainer.TrainStep(x, y), windows: 4, steps: 5);
        // A lower bound on one step's tensor bytes: per time step at least the gates, their gradient and the recurrent projection, [N, 4H] each.
        long tensorBytes = (long)steps * batch * 3 * 4 * hidden * sizeof(float);
        return (Math.Min(perThread, perProcess), tensorBytes);
    }

    /// <summary>
    /// Bytes one step allocates on this thread (over all windows) and in the whole process (in the quietest window of
    /// <paramref name="steps"/> steps): the test host serializes its messages on other threads in bursts of up to a megabyte,
    /// which would swamp one window but not all of them, while anything a step allocates on the kernels' workers shows in every window.
    /// </summary>
    private static (double Thread, double Process) BytesPerStep(Action step, int windows, int steps)
    {
        long thread0 = GC.GetAllocatedBytesForCurrentThread();
        double process = double.PositiveInfinity;
        for (int w = 0; w < windows; w++)
        {
            long process0 = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < steps; i++) step();
            process = Math.Min(process, (GC.GetTotalAllocatedBytes(precise: true) - process0) / (double)steps);
        }
        return ((GC.GetAllocatedBytesForCurrentThread() - thread0) / (double)(windows * steps), process);
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
