using System.Globalization;
using System.Text;
using Dendrite.Data;
using Dendrite.Serialization;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Commands;

/// <summary>
/// No run ends "successfully" with a wrong result: NaN inputs, a diverging learning rate, a corrupt checkpoint and labels
/// outside the model's classes each get one line naming the problem and a non-zero exit.
/// </summary>
public sealed class IntegrityTests : IDisposable
{
    private readonly CliFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliRunner.Result Run(params string[] args) => CliRunner.Run(_dir.Path, (IReadOnlyDictionary<string, string>?)null, args);

    private CliRunner.Result Fails(params string[] args)
    {
        var r = Run(args);
        Assert.True(r.ExitCode != 0, r.ToString());
        Assert.StartsWith("error: ", r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", r.Error + r.Output);
        return r;
    }

    private string Spec(string data, string extra = "", string name = "spec.json") => _dir.File(name, $$"""
        { "data": {{data}}, "model": { "layers": [ { "type": "dense", "units": 4 }, "relu", { "type": "dense", "units": 1 }, "sigmoid" ] },
          "loss": "bce", "epochs": 3 {{extra}} }
        """);

    /// <summary>40 rows "a,b,label" after a header; with <paramref name="nan"/>, column 2 of every tenth row (from the fourth) is NaN.</summary>
    private string Table(string name, bool nan, int label = 1)
    {
        var sb = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++)
            sb.Append(CultureInfo.InvariantCulture, $"{i / 40.0},{(nan && i % 10 == 3 ? "NaN" : ((i % 7) / 7.0).ToString(CultureInfo.InvariantCulture))},{(i % 2 == 0 ? 0 : label)}\n");
        return _dir.File(name, sb.ToString());
    }

    private void TrainSmallRun() =>
        Assert.Equal(0, Run("train", Spec("""{ "dataset": "moons", "count": 60, "dev": 0.25 }""", name: "ok.json"), "--out", "run", "--quiet").ExitCode);

    [Fact]
    public void Nan_in_a_csv_is_refused_naming_the_line_and_column()
    {
        Table("nan.csv", nan: true);
        var r = Fails("train", Spec("""{ "dataset": "csv", "path": "nan.csv" }"""));
        Assert.Contains("nan.csv: line 5, column 2 ('b'): 'NaN' is not a finite number", r.Error);
    }

    [Fact]
    public void Non_finite_drop_trains_on_the_finite_rows_and_allow_leaves_the_nan_to_the_trainer_which_stops()
    {
        Table("nan.csv", nan: true);
        var drop = Run("train", Spec("""{ "dataset": "csv", "path": "nan.csv", "non_finite": "drop" }"""), "--out", "dropped", "--quiet");
        Assert.True(drop.ExitCode == 0, drop.ToString());
        foreach (var (name, t) in SafeTensors.Read(Path.Combine(_dir.Path, "dropped", "best.safetensors")).Tensors)
            Assert.True(NonFinite.First(t) is null, $"{name} holds a non-finite value");
        Assert.Contains("\"non_finite\": \"drop\"", File.ReadAllText(Path.Combine(_dir.Path, "dropped", "spec.json")));

        var allow = Fails("train", Spec("""{ "dataset": "csv", "path": "nan.csv", "non_finite": "allow" }"""), "--out", "allowed", "--quiet");
        Assert.Contains("Training diverged", allow.Error);
        Assert.Contains("at epoch 1", allow.Error);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "allowed", "best.safetensors")));
    }

    [Fact]
    public void Nan_in_an_npz_is_refused_naming_the_file_and_the_index()
    {
        var x = new float[40];
        for (int i = 0; i < x.Length; i++) x[i] = i / 40f;
        x[2 * 13 + 1] = float.NaN;
        Npz.Write(Path.Combine(_dir.Path, "data.npz"), new Dictionary<string, Tensor>
        {
            ["x"] = Tensor.FromArray(x, [20, 2]),
            ["y"] = Tensor.FromArray(Enumerable.Range(0, 20).Select(i => (float)(i % 2)).ToArray(), [20, 1]),
        });
        Assert.Contains("data.npz: x[13, 1] is NaN", Fails("train", Spec("""{ "dataset": "npz", "path": "data.npz" }""")).Error);
    }

    [Fact]
    public void A_huge_learning_rate_stops_the_run_naming_the_epoch_and_keeps_the_good_epochs_checkpoints()
    {
        var spec = _dir.File("huge.json", """
            { "data": { "dataset": "moons", "count": 60 }, "model": { "layers": [ { "type": "dense", "units": 4 }, "relu", { "type": "dense", "units": 1 } ] },
              "loss": "bce_logits", "optimizer": { "name": "sgd", "learning_rate": 1e6 }, "batch_size": 10, "epochs": 3 }
            """);
        var r = Fails("train", spec, "--out", "run", "--quiet");
        Assert.Contains("Training diverged: the loss became NaN at epoch 2", r.Error);
        Assert.Contains("lower the learning rate", r.Error);
        Assert.Contains("The checkpoints of the epochs before it are kept", r.Error);
        var last = TrainingCheckpoint.Read(Path.Combine(_dir.Path, "run", "last.safetensors"));
        Assert.Equal(1, last.Epoch); // epoch 1's checkpoint, untouched by the diverged epoch 2
        Assert.All(last.Model.Values, t => Assert.Null(NonFinite.First(t)));
        Assert.All(SafeTensors.Read(Path.Combine(_dir.Path, "run", "best.safetensors")).Tensors.Values, t => Assert.Null(NonFinite.First(t)));
    }

    [Fact]
    public void Eval_refuses_a_best_checkpoint_with_one_flipped_data_byte()
    {
        TrainSmallRun();
        string best = Path.Combine(_dir.Path, "run", "best.safetensors");
        var bytes = File.ReadAllBytes(best);
        bytes[^2] ^= 0x01; // inside the last tensor's data, the output layer's bias
        File.WriteAllBytes(best, bytes);
        var r = Fails("eval", "run", "dev");
        Assert.Contains(Path.Combine("run", "best.safetensors"), r.Error);
        Assert.Contains("bias' fails its CRC-32C check", r.Error);
    }

    [Fact]
    public void Predict_refuses_nan_naming_the_line_and_column_or_the_index()
    {
        TrainSmallRun();
        _dir.File("x.csv", "0.5,0.25\n1,NaN\n");
        Assert.Contains("x.csv: line 2, column 2: 'NaN' is not a finite number", Fails("predict", "run", "x.csv").Error);
        Npy.Write(Path.Combine(_dir.Path, "x.npy"), Tensor.FromArray([0.5f, 0.25f, float.PositiveInfinity, 1f], [2, 2]));
        Assert.Contains("x.npy: x[1, 0] is +∞", Fails("predict", "run", "x.npy").Error);
    }

    [Fact]
    public void Labels_outside_the_models_classes_are_refused_in_eval_and_in_train()
    {
        TrainSmallRun();
        Table("sevens.csv", nan: false, label: 7);
        var eval = Fails("eval", "run", "sevens.csv");
        Assert.Contains("sevens.csv: label 7 (example 1) is not a class of the model, which is binary: its classes are 0 and 1", eval.Error);
        var train = Fails("train", Spec("""{ "dataset": "csv", "path": "sevens.csv" }"""));
        Assert.Contains("bce needs binary targets 0 or 1 but csv has the target 7", train.Error);
    }

    [Fact]
    public void A_multiclass_eval_refuses_a_label_past_the_last_class()
    {
        _dir.File("three.csv", "a,b,label\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i % 3},{i % 5},{i % 3}\n")));
        var spec = _dir.File("multi.json", """
            { "data": { "dataset": "csv", "path": "three.csv", "classification": true },
              "model": { "layers": [ { "type": "dense", "units": 3 } ] }, "epochs": 1 }
            """);
        var train = Run("train", spec, "--out", "multi", "--quiet");
        Assert.True(train.ExitCode == 0, train.ToString());
        _dir.File("five.csv", "a,b,label\n0,1,2\n1,2,5\n");
        Assert.Contains("five.csv: label 5 (example 1) is not a class of the model, which has 3 classes: 0 … 2", Fails("eval", "multi", "five.csv").Error);
    }
}
