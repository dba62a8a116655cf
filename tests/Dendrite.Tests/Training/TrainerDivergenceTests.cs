using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Serialization;
using Dendrite.Training;

namespace Dendrite.Tests.Training;

/// <summary>A diverging run stops with <see cref="TrainingDivergedException"/> and never overwrites the checkpoints of its good epochs.</summary>
public sealed class TrainerDivergenceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dendrite-divergence-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static (Module Model, Trainer Trainer, DataLoader Train, DataLoader Dev) Setup(Tensor x, Tensor y, double lr)
    {
        var model = new Sequential(new Dense(2, 8, init: Init.He, random: new Random(1)), new Relu(), new Dense(8, 1, random: new Random(2)));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), lr), Loss.BinaryCrossEntropyWithLogits, [new Accuracy(fromLogits: true)]);
        var data = new TensorDataset(x, y);
        return (model, trainer, new DataLoader(data, 20, seed: 5), new DataLoader(data, 100, shuffle: false));
    }

    /// <summary>Raises the learning rate to 10⁶ from <paramref name="epoch"/> on, and copies the checkpoint files after each epoch.</summary>
    private sealed class BlowUp(int epoch, string folder) : ICallback
    {
        public Dictionary<string, byte[]> Files { get; } = [];

        public void OnEpochBegin(TrainingContext context)
        {
            if (context.Epoch == epoch) context.Optimizer.LearningRate = 1e6;
        }

        public void OnEpochEnd(TrainingContext context, EpochLog log)
        {
            foreach (var file in Directory.GetFiles(folder)) Files[Path.GetFileName(file)] = File.ReadAllBytes(file);
        }
    }

    [Fact]
    public void A_huge_learning_rate_stops_the_run_and_keeps_the_last_good_checkpoints_untouched()
    {
        var (x, y) = Moons.Generate(count: 200, noise: 0.2, seed: 3);
        var (model, trainer, train, dev) = Setup(x, y, lr: 0.1);
        var blowUp = new BlowUp(epoch: 2, _folder);
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(train, dev, epochs: 10, new ModelCheckpoint(_folder), blowUp));
        Assert.Equal(2, e.Epoch);
        Assert.Contains("Training diverged", e.Message);
        Assert.Contains("at epoch 3", e.Message);
        Assert.Equal(2, trainer.History.Epochs.Count);
        Assert.Equal(["best.safetensors", "last.safetensors"], blowUp.Files.Keys.Order());
        foreach (var (name, bytes) in blowUp.Files) Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(_folder, name))); // byte for byte as after epoch 2
        var last = TrainingCheckpoint.Read(Path.Combine(_folder, "last.safetensors"));
        Assert.Equal(2, last.Epoch);
        Assert.All(last.Model.Values, t => Assert.Null(NonFinite.First(t)));
        _ = model;
    }

    [Fact]
    public void A_parameter_that_turns_nan_while_the_loss_stays_finite_stops_the_run_before_any_checkpoint()
    {
        // A NaN input through Dense → ReLU: the forward pass hides it (the loss stays finite) but the first layer's weight
        // gradient xᵀ·∂z carries it into the weights, which is what a checkpoint would then hold.
        var (x, y) = Moons.Generate(count: 200, noise: 0.2, seed: 3);
        var values = x.ToArray<float>();
        values[2 * 57] = float.NaN;
        var (_, trainer, train, _) = Setup(Tensor.FromArray(values, [200, 2]), y, lr: 0.1);
        var losses = new List<double>();
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(train, null, epochs: 3, new ModelCheckpoint(_folder, monitor: "loss"), new LossSpy(losses)));
        Assert.Equal(0, e.Epoch);
        Assert.Contains("parameter '0.weight'[", e.Message);
        Assert.Contains("became NaN at epoch 1", e.Message);
        Assert.All(losses, l => Assert.True(double.IsFinite(l)));
        Assert.Equal(10, losses.Count); // every batch ran with a finite loss
        Assert.False(Directory.Exists(_folder) && Directory.GetFiles(_folder).Length > 0);
    }

    [Fact]
    public void The_full_batch_loop_stops_at_the_iteration_whose_cost_is_not_finite()
    {
        var (x, y) = Moons.Generate(count: 100, noise: 0.2, seed: 3);
        // Linear regression with a learning rate far beyond 2/λ_max: the cost grows geometrically until it overflows.
        var model = new Sequential(new Dense(2, 1, random: new Random(1)));
        var seen = new List<double>();
        var e = Assert.Throws<TrainingDivergedException>(() =>
            GradientDescent.Fit(model, Loss.MeanSquaredError, x, y, new Sgd(model.Parameters(), 1e3), 500, (_, c) => seen.Add(c)));
        Assert.True(e.Epoch > 2, $"diverged at iteration {e.Epoch + 1}"); // it ran finite iterations first
        Assert.Contains($"at iteration {e.Epoch + 1}:", e.Message);
        Assert.Equal(e.Epoch, seen.Count); // every earlier iteration's cost was finite and reported
        Assert.All(seen, c => Assert.True(double.IsFinite(c)));
    }

    private sealed class LossSpy(List<double> losses) : ICallback
    {
        public void OnBatchEnd(TrainingContext context, int batch, double loss) => losses.Add(loss);
    }
}
