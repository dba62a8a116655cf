using System.Text.RegularExpressions;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Optim.Schedules;
using Dendrite.Serialization;
using Dendrite.Training;

namespace Dendrite.Tests.Training;

/// <summary>Trainer.Resume continues a run bit for bit: weights, optimizer state, best checkpoint, history and callbacks' state.</summary>
public sealed partial class ResumeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dendrite-resume-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <summary>A run with batch norm, dropout, shuffling, L2, Adam, a step schedule, a checkpoint on dev accuracy and early stopping.</summary>
    private sealed class Run
    {
        public Run(string folder, int patience, int seed = 0)
        {
            var (x, y) = Moons.Generate(count: 160, noise: 0.3, seed: 3);
            var (dx, dy) = Moons.Generate(count: 60, noise: 0.3, seed: 4);
            Model = new Sequential(new Dense(2, 8, init: Init.He, random: new Random(seed)), new BatchNorm1d(8), new Relu(),
                                   new Dropout(0.3, seed: 4), new Dense(8, 1, random: new Random(seed + 1)));
            Trainer = new Trainer(Model, new Adam(Model.Parameters(), 0.05), Loss.BinaryCrossEntropyWithLogits, [new Accuracy(fromLogits: true)], new L2(0.01));
            Train = new DataLoader(new TensorDataset(x, y), 16, seed: 9);
            Dev = new DataLoader(new TensorDataset(dx, dy), 60, shuffle: false);
            Checkpoint = new ModelCheckpoint(folder, monitor: "dev_accuracy");
            Stopper = new EarlyStopping("dev_loss", patience, restoreBestWeights: true);
            Callbacks = [new LearningRateScheduler(new StepDecay(0.05, stepSize: 2, gamma: 0.5)), new HistoryWriter(folder), Checkpoint, Stopper];
        }

        public Module Model { get; }
        public Trainer Trainer { get; }
        public DataLoader Train { get; }
        public DataLoader Dev { get; }
        public ModelCheckpoint Checkpoint { get; }
        public EarlyStopping Stopper { get; }
        public ICallback[] Callbacks { get; }

        public void Fit(int epochs) => Trainer.Fit(Train, Dev, epochs, Callbacks);
    }

    [Theory]
    [InlineData(100, 3)] // no early stop; the best epoch lies before the interruption
    [InlineData(3, 4)]   // early stopping's counters and best weights cross the interruption
    public void Fit_to_the_end_after_resume_equals_an_uninterrupted_fit_bit_for_bit(int patience, int interruptAt)
    {
        const int Epochs = 8;
        string straightFolder = Path.Combine(_root, "straight"), resumedFolder = Path.Combine(_root, "resumed");
        var straight = new Run(straightFolder, patience);
        straight.Fit(Epochs);

        new Run(resumedFolder, patience).Fit(interruptAt);
        var resumed = new Run(resumedFolder, patience, seed: 100); // other initial weights: everything must come from the file
        resumed.Trainer.Resume(resumed.Checkpoint.LastPath);
        Assert.Equal(interruptAt, resumed.Trainer.Epoch);
        resumed.Fit(Epochs);

        Assert.True(straight.Checkpoint.BestEpoch < interruptAt - 1, $"the test needs a best epoch before the interruption, got {straight.Checkpoint.BestEpoch}");
        if (patience < Epochs) Assert.InRange(straight.Stopper.StoppedEpoch, interruptAt, Epochs - 2);
        Assert.Equal(straight.Checkpoint.BestEpoch, resumed.Checkpoint.BestEpoch);
        Assert.Equal((straight.Stopper.BestEpoch, straight.Stopper.StoppedEpoch), (resumed.Stopper.BestEpoch, resumed.Stopper.StoppedEpoch));
        AssertSameTensors(Named(straight.Model), Named(resumed.Model), "model");
        AssertSameTensors(straight.Trainer.Optimizer.StateTensors(), resumed.Trainer.Optimizer.StateTensors(), "optimizer");
        Assert.Equal(straight.Trainer.Optimizer.StepCount, resumed.Trainer.Optimizer.StepCount);
        Assert.Equal(WithoutSeconds(straight.Trainer.History), WithoutSeconds(resumed.Trainer.History));
        Assert.Equal(File.ReadAllBytes(straight.Checkpoint.BestPath), File.ReadAllBytes(resumed.Checkpoint.BestPath));
        var (a, b) = (SafeTensors.Read(straight.Checkpoint.LastPath), SafeTensors.Read(resumed.Checkpoint.LastPath));
        AssertSameTensors([.. a.Tensors.Select(t => (t.Key, t.Value))], [.. b.Tensors.Select(t => (t.Key, t.Value))], "last.safetensors");
        Assert.Equal(Masked(a.Metadata), Masked(b.Metadata));
        Assert.Equal(MaskedCsv(Path.Combine(straightFolder, "history.csv")), MaskedCsv(Path.Combine(resumedFolder, "history.csv")));
    }

    private static List<(string, Tensor)> Named(Module m) => [.. m.NamedParameters().Select(p => (p.Name, (Tensor)p.Parameter)).Concat(m.NamedBuffers())];

    private static void AssertSameTensors(IReadOnlyList<(string Name, Tensor Value)> expected, IReadOnlyList<(string Name, Tensor Value)> actual, string what)
    {
        Assert.Equal(expected.Select(e => e.Name), actual.Select(a => a.Name));
        for (int i = 0; i < expected.Count; i++)
            Assert.True(expected[i].Value.ToArray<double>().SequenceEqual(actual[i].Value.ToArray<double>()), $"{what}: {expected[i].Name} differs after resuming");
    }

    private static List<string> WithoutSeconds(History history) =>
        [.. history.Epochs.Select(e => string.Join(';', e.Values.Where(v => v.Key != "seconds").Select(v => $"{v.Key}={v.Value:R}")))];

    /// <summary>The metadata with the wall-clock seconds of each epoch (the only value two identical runs do not share) masked.</summary>
    private static Dictionary<string, string> Masked(IReadOnlyDictionary<string, string> metadata) =>
        metadata.ToDictionary(m => m.Key, m => SecondsValue().Replace(m.Value, "seconds=*"));

    private static List<string> MaskedCsv(string path) => [.. File.ReadAllLines(path).Select(l => l[..l.LastIndexOf(',')])];

    [GeneratedRegex("seconds=[^;\n]*")]
    private static partial Regex SecondsValue();
}
