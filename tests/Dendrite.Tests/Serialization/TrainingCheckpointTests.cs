using Dendrite.NN;
using Dendrite.Serialization;
using Dendrite.Tests.Data;

namespace Dendrite.Tests.Serialization;

public class TrainingCheckpointTests
{
    private static Sequential Mlp(int seed) =>
        new(new Dense(3, 4, random: new Random(seed)), new Relu(), new Dense(4, 2, random: new Random(seed + 1)));

    private static List<(string Name, Tensor Value)> OptimizerState() =>
    [
        ("0.weight.exp_avg", Tensor.Full([4, 3], 0.25)),
        ("0.weight.exp_avg_sq", Tensor.Full([4, 3], 1e-6, DType.Float64)),
        ("step", Tensor.FromArray([12345])),
    ];

    [Fact]
    public void Round_trips_model_optimizer_counters_and_extras()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("train.safetensors");
        var model = Mlp(seed: 1);
        var extra = new Dictionary<string, string> { ["lr"] = "0.001", ["run"] = "a/b ✓" };
        TrainingCheckpoint.Save(path, model, OptimizerState(), stepCount: 9_876_543_210, epoch: 7, extra);

        var raw = SafeTensors.Read(path);
        Assert.Equal(["model.0.weight", "model.0.bias", "model.2.weight", "model.2.bias",
            "optimizer.0.weight.exp_avg", "optimizer.0.weight.exp_avg_sq", "optimizer.step"], raw.Tensors.Keys);
        Assert.Equal("9876543210", raw.Metadata["step_count"]);
        Assert.Equal("7", raw.Metadata["epoch"]);

        var resumed = Mlp(seed: 2);
        var state = TrainingCheckpoint.Load(path, resumed);
        var x = Tensor.Uniform([5, 3], -1, 1, new Random(4));
        Assert.Equal(model.Forward(x).ToArray<float>(), resumed.Forward(x).ToArray<float>());
        Assert.True(state.ModelReport!.IsComplete);
        Assert.Equal(9_876_543_210, state.StepCount);
        Assert.Equal(7, state.Epoch);
        Assert.Equal(extra, state.Extra);
        Assert.Equal(["0.weight.exp_avg", "0.weight.exp_avg_sq", "step"], state.Optimizer.Keys);
        Assert.Equal(DType.Float64, state.Optimizer["0.weight.exp_avg_sq"].DType);
        Assert.Equal([12345], state.Optimizer["step"].ToArray<int>());
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], state.Model.Keys);
    }

    [Fact]
    public void Read_does_not_need_a_module()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("train.safetensors");
        TrainingCheckpoint.Save(path, Mlp(seed: 1), [], stepCount: 0, epoch: 0);
        var state = TrainingCheckpoint.Read(path);
        Assert.Null(state.ModelReport);
        Assert.Empty(state.Optimizer);
        Assert.Empty(state.Extra);
        Assert.Equal(4, state.Model.Count);
    }

    [Fact]
    public void Strict_mismatch_leaves_the_module_untouched()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("train.safetensors");
        TrainingCheckpoint.Save(path, Mlp(seed: 1), OptimizerState(), 10, 1);
        var other = new Sequential(new Dense(3, 4, random: new Random(5)), new Relu(), new Dense(4, 3, random: new Random(6)));
        var before = other.StateDict().ToDictionary(p => p.Key, p => p.Value.ToArray<float>());

        var e = Assert.Throws<ArgumentException>(() => TrainingCheckpoint.Load(path, other));
        Assert.Contains("2.weight: checkpoint has [2, 4] but the model has [3, 4]", e.Message);
        foreach (var (name, values) in other.StateDict()) Assert.Equal(before[name], values.ToArray<float>());

        var partial = TrainingCheckpoint.Load(path, other, strict: false);
        Assert.Equal(["0.weight", "0.bias"], partial.ModelReport!.Loaded);
        Assert.Equal(10, partial.StepCount);
    }

    [Fact]
    public void A_plain_checkpoint_is_not_a_training_checkpoint()
    {
        using var fx = new Fixture();
        string plain = fx.Scratch("plain.safetensors");
        Checkpoint.Save(Mlp(seed: 1), plain);
        var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Read(plain));
        Assert.Contains(plain, e.Message);
        Assert.Contains("'0.weight' starts with none of 'model.', 'optimizer.', 'callback.'", e.Message);

        string noCounters = fx.Scratch("counters.safetensors");
        SafeTensors.Write(noCounters, [new("model.x", Tensor.FromArray([1f]))], new Dictionary<string, string> { ["step_count"] = "12x" });
        Assert.Contains("'step_count' in __metadata__ is '12x', not an integer", Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Read(noCounters)).Message);
        SafeTensors.Write(noCounters, [new("model.x", Tensor.FromArray([1f]))], new Dictionary<string, string> { ["step_count"] = "12" });
        Assert.Contains("lacks 'epoch'", Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Read(noCounters)).Message);
    }
}
