using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Terminal;
using Dendrite.Training;

namespace Dendrite.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dendrite-trainer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static (Module Model, Trainer Trainer, DataLoader Train, DataLoader Dev) Setup(int seed = 0)
    {
        var (x, y) = Moons.Generate(count: 200, noise: 0.2, seed: 3);
        var model = new Sequential(new Dense(2, 8, init: Init.He, random: new Random(seed)), new BatchNorm1d(8), new Relu(),
                                   new Dropout(0.2, seed: 4), new Dense(8, 1, random: new Random(seed + 1)));
        var trainer = new Trainer(model, new Adam(model.Parameters(), 0.01), Loss.BinaryCrossEntropyWithLogits,
                                  [new Accuracy(fromLogits: true)], new L2(0.01));
        var data = new TensorDataset(x, y);
        return (model, trainer, new DataLoader(data, 32, seed: 9), new DataLoader(data, 100, shuffle: false));
    }

    [Fact]
    public void Fit_logs_loss_metrics_dev_values_and_learning_rate_per_epoch()
    {
        var (_, trainer, train, dev) = Setup();
        var history = trainer.Fit(train, dev, epochs: 3);
        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal(["loss", "accuracy", "dev_loss", "dev_accuracy", "lr", "seconds"], history.Epochs[0].Values.Select(v => v.Key));
        Assert.True(history["loss"][2] < history["loss"][0]);
        Assert.All(history["lr"], lr => Assert.Equal(0.01, lr));
    }

    [Fact]
    public void A_resumed_run_ends_with_the_same_weights_as_an_uninterrupted_one()
    {
        var (straight, straightTrainer, train, dev) = Setup();
        straightTrainer.Fit(train, dev, epochs: 4);

        var (first, firstTrainer, train1, dev1) = Setup();
        var checkpoint = new ModelCheckpoint(_folder);
        firstTrainer.Fit(train1, dev1, epochs: 2, checkpoint);

        var (resumed, resumedTrainer, train2, dev2) = Setup(seed: 100); // different initial weights: all must come from the file
        resumedTrainer.Resume(checkpoint.LastPath);
        Assert.Equal(2, resumedTrainer.Epoch);
        Assert.Equal(2, resumedTrainer.History.Epochs.Count);
        resumedTrainer.Fit(train2, dev2, epochs: 4);

        var expected = straight.NamedParameters().Concat(straight.NamedBuffers()).ToList();
        var actual = resumed.NamedParameters().Concat(resumed.NamedBuffers()).ToList();
        for (int i = 0; i < expected.Count; i++)
            Assert.True(expected[i].Item2.ToArray<double>().SequenceEqual(actual[i].Item2.ToArray<double>()), $"{expected[i].Item1} differs after resuming");
        Assert.Equal(straightTrainer.History["loss"], resumedTrainer.History["loss"]);
        _ = first;
    }

    [Fact]
    public void Early_stopping_stops_after_patience_and_restores_the_best_weights()
    {
        var (model, trainer, train, dev) = Setup();
        var stopper = new EarlyStopping("dev_loss", patience: 2, restoreBestWeights: true);
        var spy = new WeightSpy();
        trainer.Fit(train, dev, epochs: 200, spy, stopper);
        Assert.True(stopper.StoppedEpoch > 0 && stopper.StoppedEpoch < 199, $"stopped at {stopper.StoppedEpoch}");
        Assert.Equal(stopper.StoppedEpoch - 2, stopper.BestEpoch);
        Assert.Equal(spy.Snapshots[stopper.BestEpoch], model.Parameters().First().ToArray<double>());
    }

    private sealed class WeightSpy : ICallback
    {
        public List<double[]> Snapshots { get; } = [];
        public void OnEpochEnd(TrainingContext context, EpochLog log) => Snapshots.Add(context.Model.Parameters().First().ToArray<double>());
    }

    [Fact]
    public void History_is_written_as_csv_and_json_and_checkpoints_as_safetensors()
    {
        var (_, trainer, train, dev) = Setup();
        var writer = new HistoryWriter(_folder);
        var checkpoint = new ModelCheckpoint(_folder, monitor: "dev_accuracy");
        trainer.Fit(train, dev, epochs: 2, writer, checkpoint);
        var csv = File.ReadAllLines(writer.CsvPath);
        Assert.Equal("epoch,loss,accuracy,dev_loss,dev_accuracy,lr,seconds", csv[0]);
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("2,", csv[2]);
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(writer.JsonPath));
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal(trainer.History["dev_loss"][1], json.RootElement[1].GetProperty("dev_loss").GetDouble());
        Assert.True(File.Exists(checkpoint.BestPath));
        Assert.Equal(4, Directory.GetFiles(_folder).Length); // no temp files left behind
    }

    [Fact]
    public void Learning_rate_schedules_drive_the_optimizer_per_epoch()
    {
        var (_, trainer, train, dev) = Setup();
        trainer.Fit(train, dev, epochs: 3, new LearningRateScheduler(new Dendrite.Optim.Schedules.InverseTimeDecay(0.01, decayRate: 1)));
        Assert.Equal([0.01, 0.005, 0.01 / 3], trainer.History["lr"]);
    }

    [Fact]
    public void Plain_progress_lines_are_printed_when_output_is_redirected()
    {
        var (_, trainer, train, dev) = Setup();
        var output = new StringWriter();
        trainer.Fit(train, dev, epochs: 2, new ProgressBar(output));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("epoch 1/2  loss ", lines[0]);
        Assert.Contains("dev_accuracy", lines[1]);
    }

    [Fact]
    public void The_core_epoch_printer_writes_the_same_lines_as_the_terminal_bar_redirected()
    {
        var (_, trainer, train, dev) = Setup();
        var bar = new StringWriter();
        trainer.Fit(train, dev, epochs: 2, new ProgressBar(bar));
        var (_, again, train2, dev2) = Setup();
        var plain = new StringWriter();
        again.Fit(train2, dev2, epochs: 2, new EpochPrinter(plain));
        string Seconds(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"seconds [0-9.]+", "seconds _");
        Assert.Equal(Seconds(bar.ToString()), Seconds(plain.ToString()));
        Assert.Matches(@"^epoch 1/2  loss [0-9.]+  accuracy [0-9.]+", plain.ToString());
    }

    [Fact]
    public void Predict_runs_in_eval_mode_in_batches()
    {
        var (model, trainer, train, dev) = Setup();
        trainer.Fit(train, dev, epochs: 1);
        var x = Tensor.Uniform([250, 2], -1, 1, new Random(1));
        var all = trainer.Predict(x, batchSize: 64);
        Assert.Equal(new Shape(250, 1), all.Shape);
        Assert.True(model.IsTraining);
        model.Eval();
        Assert.Equal(model.Forward(x).ToArray<double>(), all.ToArray<double>());
    }
}
