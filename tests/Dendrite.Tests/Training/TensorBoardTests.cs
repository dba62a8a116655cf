using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Tests.Serialization.TensorBoard;
using Dendrite.Training;

namespace Dendrite.Tests.Training;

public sealed class TensorBoardTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dendrite-tensorboard-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Records every batch loss the trainer reports, to compare with batch/loss.</summary>
    private sealed class BatchLosses : ICallback
    {
        public List<(long Step, double Loss)> Seen { get; } = [];

        public void OnBatchEnd(TrainingContext context, int batch, double loss) => Seen.Add((context.Optimizer.StepCount, loss));
    }

    [Fact]
    public void The_event_file_holds_the_history_the_batch_losses_and_a_histogram_per_parameter_and_gradient()
    {
        var (x, y) = Moons.Generate(count: 200, noise: 0.2, seed: 3);
        var model = new Sequential(new Dense(2, 8, init: Init.He, random: new Random(1)), new BatchNorm1d(8), new Relu(), new Dense(8, 1, random: new Random(2)));
        var trainer = new Trainer(model, new Adam(model.Parameters(), 0.01), Loss.BinaryCrossEntropyWithLogits, [new Accuracy(fromLogits: true)]);
        var data = new TensorDataset(x, y);
        var board = new TensorBoard(_folder, batchEvery: 3);
        var batches = new BatchLosses();
        var history = trainer.Fit(new DataLoader(data, 32, seed: 9), new DataLoader(data, 100, shuffle: false), epochs: 3, batches, board);

        var events = EventFileReader.Read(board.EventFile!);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        var values = events.Skip(1).Select(e => (e.Step, Value: e.Values.Single())).ToList();

        // Every logged value of every epoch, as a float32 scalar at step epoch + 1.
        foreach (var log in history.Epochs)
            foreach (var (name, value) in log.Values)
                Assert.Equal((float)value, values.Single(v => v.Value.Tag == "epoch/" + name && v.Step == log.Epoch + 1).Value.Simple);
        Assert.Equal(3 * 6, values.Count(v => v.Value.Tag.StartsWith("epoch/", StringComparison.Ordinal))); // loss, accuracy, dev_loss, dev_accuracy, lr, seconds

        // The batch loss every third optimizer step (7 batches × 3 epochs = 21 steps → steps 3, 6, …, 21).
        var logged = values.Where(v => v.Value.Tag == "batch/loss").Select(v => (v.Step, (double)v.Value.Simple!.Value)).ToList();
        Assert.Equal(batches.Seen.Where(b => b.Step % 3 == 0).Select(b => (b.Step, (double)(float)b.Loss)), logged);
        Assert.Equal(7, logged.Count);

        // One weight and one gradient histogram per parameter per epoch; the last epoch's describe the final weights.
        foreach (var (name, parameter) in model.NamedParameters())
        {
            var weights = values.Where(v => v.Value.Tag == "weights/" + name).ToList();
            var gradients = values.Where(v => v.Value.Tag == "gradients/" + name).ToList();
            Assert.Equal([1L, 2, 3], weights.Select(v => v.Step));
            Assert.Equal([1L, 2, 3], gradients.Select(v => v.Step));
            Assert.All(weights.Concat(gradients), v => Assert.Equal(parameter.Count, v.Value.Histo!.Num));
            Assert.All(weights.Concat(gradients), v => Assert.Equal(parameter.Count, v.Value.Histo!.Counts.Sum()));
            double[] final = parameter.ToArray<double>();
            var last = weights[^1].Value.Histo!;
            Assert.Equal(final.Min(), last.Min);
            Assert.Equal(final.Max(), last.Max);
            Assert.Equal(final.Sum(), last.Sum, 1e-12);
            Assert.Equal(final.Sum(v => v * v), last.SumSquares, 1e-12);
            var grad = gradients[^1].Value.Histo!;
            Assert.Equal(parameter.Grad!.ToArray<double>().Sum(v => v * v), grad.SumSquares, 1e-12);
        }

        // Steps never go back within a tag, and wall time never goes back at all.
        foreach (var tag in values.GroupBy(v => v.Value.Tag))
            Assert.True(tag.Select(v => v.Step).Zip(tag.Skip(1).Select(v => v.Step)).All(p => p.First < p.Second), $"{tag.Key}: steps out of order");
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.WallTime <= p.Second.WallTime));
    }

    [Fact]
    public void Histograms_and_batch_losses_can_be_turned_off()
    {
        var (x, y) = Moons.Generate(count: 64, noise: 0.2, seed: 3);
        var model = new Sequential(new Dense(2, 1, random: new Random(1)));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1), Loss.BinaryCrossEntropyWithLogits);
        var board = new TensorBoard(_folder, batchEvery: 0, histograms: false);
        trainer.Fit(new DataLoader(new TensorDataset(x, y), 16, seed: 1), epochs: 2, callbacks: board);
        var tags = EventFileReader.Read(board.EventFile!).SelectMany(e => e.Values).Select(v => v.Tag).Distinct().Order();
        Assert.Equal(["epoch/loss", "epoch/lr", "epoch/seconds"], tags);
    }

    [Fact]
    public void Histograms_every_second_epoch_come_after_epochs_2_and_4_and_the_last()
    {
        var (x, y) = Moons.Generate(count: 64, noise: 0.2, seed: 3);
        var model = new Sequential(new Dense(2, 1, random: new Random(1)));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1), Loss.BinaryCrossEntropyWithLogits);
        var board = new TensorBoard(_folder, histogramEvery: 2);
        trainer.Fit(new DataLoader(new TensorDataset(x, y), 64, seed: 1), epochs: 5, callbacks: board);
        var events = EventFileReader.Read(board.EventFile!);
        Assert.Equal([2L, 4, 5], events.Where(e => e.Values.Any(v => v.Tag == "weights/0.weight")).Select(e => e.Step));
        Assert.Equal([2L, 4, 5], events.Where(e => e.Values.Any(v => v.Tag == "gradients/0.bias")).Select(e => e.Step));
    }
}
