using System.Globalization;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Serialization;
using Dendrite.Training;

namespace Dendrite.Tests.Training;

/// <summary>Trainer.Resume rejects bad metadata before touching anything; history files and leftover temp files are reconciled.</summary>
public sealed class ResumeValidationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dendrite-resume-check-" + Guid.NewGuid().ToString("N"));

    public ResumeValidationTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (Module Model, Trainer Trainer, DataLoader Train) Setup(int seed)
    {
        var (x, y) = Moons.Generate(count: 64, seed: 3);
        var model = new Sequential(new Dense(2, 4, random: new Random(seed)), new Relu(), new Dense(4, 1, random: new Random(seed + 1)));
        var trainer = new Trainer(model, new Adam(model.Parameters(), 0.01), Loss.BinaryCrossEntropyWithLogits);
        return (model, trainer, new DataLoader(new TensorDataset(x, y), 16, seed: 1));
    }

    [Theory]
    [InlineData("step_count", "-5", "step_count")]
    [InlineData("epoch", "-1", "epoch")]
    [InlineData("extra.learning_rate", "NaN", "extra.learning_rate")]
    [InlineData("extra.learning_rate", "-0.01", "extra.learning_rate")]
    [InlineData("extra.learning_rate", "Infinity", "extra.learning_rate")]
    [InlineData("extra.history", "loss=0.5", "extra.history")]      // one epoch logged, two claimed
    [InlineData("extra.history", "loss=zero\nloss=1", "extra.history")]
    [InlineData("extra.model_checkpoint.best_epoch", "7", "model_checkpoint.best_epoch")] // later than the epochs run
    public void Bad_metadata_is_an_error_naming_file_and_key_and_leaves_model_and_optimizer_untouched(string key, string value, string named)
    {
        var (source, sourceTrainer, train) = Setup(seed: 0);
        var checkpoint = new ModelCheckpoint(_folder, monitor: "loss");
        sourceTrainer.Fit(train, null, 2, checkpoint);
        var file = SafeTensors.Read(checkpoint.LastPath);
        var metadata = file.Metadata.ToDictionary(m => m.Key, m => m.Value);
        metadata[key] = value;
        string bad = Path.Combine(_folder, "bad.safetensors");
        SafeTensors.Write(bad, file.Tensors, metadata);

        var (model, trainer, train2) = Setup(seed: 5);
        trainer.Fit(train2, epochs: 1); // some optimizer state to keep
        var before = model.Parameters().Select(p => p.ToArray<float>()).ToList();
        var optimizerBefore = trainer.Optimizer.StateTensors().Select(s => s.Value.ToArray<float>()).ToList();
        long steps = trainer.Optimizer.StepCount;
        double lr = trainer.Optimizer.LearningRate;

        var e = Record.Exception(() => { trainer.Resume(bad); trainer.Fit(train2, null, 3, new ModelCheckpoint(_folder, monitor: "loss")); });
        Assert.IsType<InvalidDataException>(e);
        Assert.Contains(bad, e.Message);
        Assert.Contains(named, e.Message);
        if (key != "extra.model_checkpoint.best_epoch") // the callbacks' state is checked when Fit hands it back, after the model is loaded
        {
            Assert.Equal(before, model.Parameters().Select(p => p.ToArray<float>()));
            Assert.Equal(optimizerBefore, trainer.Optimizer.StateTensors().Select(s => s.Value.ToArray<float>()));
            Assert.Equal((steps, lr, 1), (trainer.Optimizer.StepCount, trainer.Optimizer.LearningRate, trainer.Epoch));
        }
        _ = source;
    }

    [Fact]
    public void History_files_ahead_of_the_checkpoint_are_truncated_and_killed_writes_temp_files_deleted()
    {
        var (_, trainer, train) = Setup(seed: 0);
        var history = new HistoryWriter(_folder);
        var checkpoint = new ModelCheckpoint(_folder, monitor: "loss");
        trainer.Fit(train, null, 2, history, checkpoint);
        trainer.Fit(train, null, 4, history); // the history runs two epochs past last.safetensors, as after a kill
        Assert.Equal(5, File.ReadAllLines(history.CsvPath).Length);
        string id = Guid.NewGuid().ToString("N");
        string[] leftovers = [$".last.safetensors.{id}.tmp", $".best.safetensors.{id}.tmp", $".history.csv.{id}.tmp", $".history.json.{id}.tmp"];
        foreach (var name in leftovers) File.WriteAllText(Path.Combine(_folder, name), "half");
        File.WriteAllText(Path.Combine(_folder, ".last.safetensors.mine.tmp"), "not ours");

        var (_, resumed, train2) = Setup(seed: 9);
        resumed.Resume(checkpoint.LastPath);
        resumed.Fit(train2, null, 2, new HistoryWriter(_folder), new ModelCheckpoint(_folder, monitor: "loss")); // nothing left to train

        var csv = File.ReadAllLines(history.CsvPath);
        Assert.Equal(3, csv.Length);
        Assert.Equal(resumed.History["loss"][1].ToString("R", CultureInfo.InvariantCulture), csv[2].Split(',')[1]);
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(File.ReadAllText(history.JsonPath)).RootElement.GetArrayLength());
        foreach (var name in leftovers) Assert.False(File.Exists(Path.Combine(_folder, name)), name + " was left behind");
        Assert.True(File.Exists(Path.Combine(_folder, ".last.safetensors.mine.tmp")));
    }
}
