using Dendrite.NN;
using Dendrite.Serialization;
using Dendrite.Tests.Data;

namespace Dendrite.Tests.Serialization;

/// <summary>
/// Dropout's mask counter is a non-persistent buffer (PyTorch's <c>persistent=False</c>): outside the state dict and
/// plain checkpoints, so PyTorch's state dicts (which have no such tensor) load strictly; inside training checkpoints,
/// so a resumed run draws the same masks.
/// </summary>
public class NonPersistentBufferTests
{
    private static Sequential Model(int seed) =>
        new(new Dense(4, 6, random: new Random(seed)), new Relu(), new Dropout(0.5, seed: 7), new Dense(6, 2, random: new Random(seed + 1)));

    [Fact]
    public void The_state_dict_holds_pytorchs_keys_and_loads_strictly_without_the_counter()
    {
        var model = Model(1);
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias"], model.StateDict().Keys);
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias", "2.draws"], model.StateDict(includeNonPersistent: true).Keys);
        Assert.Equal(["2.draws"], model.NamedBuffers().Select(b => b.Name));
        Assert.Empty(model.NamedBuffers(includeNonPersistent: false));

        var other = Model(2);
        var report = other.LoadStateDict(model.StateDict());
        Assert.True(report.IsComplete, report.ToString());
        Assert.Empty(report.Missing);
    }

    [Fact]
    public void A_counter_in_the_state_dict_still_loads_and_is_never_unexpected()
    {
        var model = Model(1);
        var state = new Dictionary<string, Tensor>(model.StateDict()) { ["2.draws"] = Tensor.FromArray([5]).Reshape([]) };
        var report = model.LoadStateDict(state);
        Assert.True(report.IsComplete, report.ToString());
        Assert.Contains("2.draws", report.Loaded);
        Assert.Equal(5, ((Dropout)model.GetModule("2")).Draws.Item());
    }

    [Fact]
    public void A_training_checkpoint_keeps_the_counter_so_a_resumed_run_draws_the_same_masks()
    {
        using var fx = new Fixture();
        string path = fx.Scratch("train.safetensors");
        var model = Model(1);
        var x = Tensor.Uniform([3, 4], -1, 1, new Random(4));
        model.Forward(x);
        model.Forward(x); // two masks drawn
        TrainingCheckpoint.Save(path, model, [], stepCount: 2, epoch: 0);
        Assert.Contains("model.2.draws", SafeTensors.Read(path).Tensors.Keys);

        var resumed = Model(1);
        TrainingCheckpoint.Load(path, resumed);
        Assert.Equal(2, ((Dropout)resumed.GetModule("2")).Draws.Item());
        Assert.Equal(model.Forward(x).ToArray<float>(), resumed.Forward(x).ToArray<float>());

        // a plain checkpoint leaves it out
        string plain = fx.Scratch("model.safetensors");
        Checkpoint.Save(model, plain);
        Assert.DoesNotContain("2.draws", SafeTensors.Read(plain).Tensors.Keys);
    }
}
