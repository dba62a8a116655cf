using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Serialization;

namespace Dendrite.Tests.NN;

/// <summary>Freezing parameters by name, replacing a model's head, and loading a pretrained body into a new model.</summary>
public class TransferTests
{
    // conv → BN → ReLU → pool → flatten → dense → ReLU → head: a body of 0–6 and a head at 7.
    private static Sequential Cnn(int classes, int seed = 0)
    {
        var random = new Random(seed);
        return new Sequential(
            new Conv2d(1, 4, 3, random: random), new BatchNorm2d(4), new Relu(), new MaxPool2d(2),
            new Flatten(), new Dense(4 * 3 * 3, 8, random: random), new Relu(),
            new Dense(8, classes, random: random));
    }

    private static (Tensor X, Tensor Y) Batch(int seed = 1) =>
        (Tensor.Normal([6, 1, 8, 8], 0, 1, new Random(seed)), Tensor.FromArray(0, 1, 2, 0, 1, 2));

    private static float[][] Values(IEnumerable<Tensor> tensors) => [.. tensors.Select(t => t.ToArray<float>())];

    private static void Step(Module model, Optimizer optimizer, int seed = 1)
    {
        var (x, y) = Batch(seed);
        optimizer.ZeroGrad();
        Loss.CrossEntropy(model.Forward(x), y).Backward();
        optimizer.Step();
    }

    [Fact]
    public void Freeze_matches_whole_name_segments_and_Unfreeze_restores()
    {
        var model = new Sequential([.. Enumerable.Range(0, 11).Select(i => (Module)new Dense(2, 2))]);
        model.Freeze("1");
        Assert.Equal(["1.weight", "1.bias"], model.NamedParameters().Where(p => !p.Parameter.RequiresGrad).Select(p => p.Name));
        Assert.Equal(20, model.TrainableParameters().Count()); // 10.weight is not under "1"

        model.Freeze();
        Assert.Empty(model.TrainableParameters());
        model.Unfreeze("10.").Unfreeze("3.bias");
        Assert.Equal([model[3].Parameters().Last(), .. model[10].Parameters()], model.TrainableParameters());
        model.Unfreeze();
        Assert.Equal(22, model.TrainableParameters().Count());
    }

    [Fact]
    public void Freeze_with_an_unknown_prefix_throws_listing_the_names()
    {
        var e = Assert.Throws<ArgumentException>(() => new Sequential(new Dense(2, 2)).Freeze("fc"));
        Assert.Contains("no parameter named 'fc'", e.Message);
        Assert.Contains("0.weight, 0.bias", e.Message);
    }

    [Fact]
    public void A_frozen_body_gets_no_gradient_and_adam_leaves_it_bit_for_bit_even_with_momentum_state()
    {
        var model = Cnn(3);
        var adam = new Adam(model.Parameters(), 0.01);
        Step(model, adam, seed: 1);                        // every parameter now has Adam state v, s ≠ 0
        Assert.Equal(model.ParameterCount, adam.StateTensors().Sum(s => (long)s.Value.Count) / 2);

        model.Freeze().Unfreeze("7");
        Assert.All(model.Parameters().Where(p => !p.RequiresGrad), p => Assert.Null(p.Grad)); // stale gradients cleared
        var body = Values(model.NamedParameters().Where(p => !p.Name.StartsWith("7.", StringComparison.Ordinal)).Select(p => p.Parameter));
        var head = Values(model[7].Parameters());
        for (int i = 0; i < 3; i++)
        {
            var (x, y) = Batch(seed: 2 + i);
            adam.ZeroGrad();
            Loss.CrossEntropy(model.Forward(x), y).Backward();
            Assert.All(model.Parameters(), p => Assert.Equal(p.RequiresGrad, p.Grad is not null));
            adam.Step();
        }
        Assert.Equal(body, Values(model.NamedParameters().Where(p => !p.Name.StartsWith("7.", StringComparison.Ordinal)).Select(p => p.Parameter)));
        Assert.NotEqual(head[0], model[7].Parameters().First().ToArray<float>());
    }

    [Fact]
    public void An_optimizer_over_TrainableParameters_sees_only_the_head()
    {
        var model = Cnn(3);
        model.Freeze().Unfreeze("7");
        var sgd = new Sgd(model.TrainableParameters(), 0.1, momentum: 0.9);
        Assert.Equal(model[7].Parameters(), sgd.Parameters);
        Step(model, sgd);
        Assert.Equal(["0.v", "1.v"], sgd.StateTensors().Select(s => s.Name)); // velocities for the head's two tensors only
    }

    [Fact]
    public void KeepInEval_keeps_a_frozen_batch_norm_on_its_running_statistics_while_the_rest_trains()
    {
        var model = Cnn(3);
        var bn = (BatchNorm2d)model[1];
        var mean = bn.RunningMean.ToArray<float>();
        model.Freeze("0").Freeze("1");
        bn.KeepInEval = true;
        model.Train();
        Assert.False(bn.IsTraining);
        Assert.True(model[5].IsTraining && model.IsTraining);
        Step(model, new Adam(model.TrainableParameters(), 0.01));
        Assert.Equal(mean, bn.RunningMean.ToArray<float>());

        bn.KeepInEval = false;
        model.Train();
        Step(model, new Adam(model.TrainableParameters(), 0.01));
        Assert.NotEqual(mean, bn.RunningMean.ToArray<float>());
    }

    [Fact]
    public void ReplaceModule_swaps_the_head_keeping_its_name_and_position()
    {
        var model = Cnn(10);
        model.Eval();
        var old = model.ReplaceModule("7", new Dense(8, 5));
        Assert.Equal("Dense(8 => 10)", old.ToString());
        Assert.Equal("Dense(8 => 5)", model[7].ToString());
        Assert.False(model[7].IsTraining);                                   // takes the parent's mode
        Assert.Equal(["7.weight", "7.bias"], model.NamedParameters().TakeLast(2).Select(p => p.Name));
        Assert.Equal(new Shape(5, 8), model.NamedParameters().Single(p => p.Name == "7.weight").Parameter.Shape);
        Assert.Equal(new Shape(6, 5), model.Forward(Batch().X).Shape);

        model[^1] = new Dense(8, 2);                                         // the same through the indexer
        Assert.Equal(new Shape(6, 2), model.Forward(Batch().X).Shape);
        Assert.Same(model[7], model.Layers[7]);
        Assert.Same(model[7], model.Children[7].Module);
    }

    private sealed class Net : Module
    {
        private readonly Module _head;

        public Net()
        {
            RegisterModule("body", new Sequential(new Dense(4, 3), new Relu()));
            _head = RegisterModule("head", new Sequential(new Dense(3, 2)));
        }

        public override Tensor Forward(Tensor input) => _head.Forward(GetModule("body").Forward(input));
    }

    [Fact]
    public void ReplaceModule_follows_dotted_paths_and_refuses_fields_it_cannot_update()
    {
        var net = new Net();
        net.ReplaceModule("head.0", new Dense(3, 7));
        Assert.Equal(new Shape(1, 7), net.Forward(Tensor.Zeros([1, 4])).Shape);
        Assert.Same(net.GetModule("head.0"), ((Sequential)net.GetModule("head"))[0]);

        var e = Assert.Throws<ArgumentException>(() => net.ReplaceModule("head.3", new Relu()));
        Assert.Contains("Sequential has no child '3' (children: 0)", e.Message);
        Assert.Throws<ArgumentException>(() => net.GetModule("neck"));
        Assert.Throws<NotSupportedException>(() => net.ReplaceModule("head", new Dense(3, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sequential(new Relu())[1] = new Relu());
    }

    [Fact]
    public void A_pretrained_body_loads_partially_into_a_model_with_a_new_head()
    {
        var pretrained = Cnn(10, seed: 1);
        Step(pretrained, new Adam(pretrained.Parameters(), 0.01)); // running statistics move off 0 and 1 too
        string path = Path.Combine(Path.GetTempPath(), $"dendrite-transfer-{Guid.NewGuid():N}.safetensors");
        try
        {
            Checkpoint.Save(pretrained, path);
            var model = Cnn(5, seed: 2);
            var head = Values(model[7].Parameters());

            var e = Assert.Throws<ArgumentException>(() => Checkpoint.Load(model, path));   // strict: refuses, changes nothing
            Assert.Contains("7.weight: checkpoint has [10, 8] but the model has [5, 8]", e.Message);
            Assert.NotEqual(pretrained[0].Parameters().First().ToArray<float>(), model[0].Parameters().First().ToArray<float>());

            var report = Checkpoint.Load(model, path, strict: false);
            Assert.Equal(["7.weight", "7.bias"], report.Mismatched.Select(m => m.Name));
            Assert.Empty(report.Missing);
            Assert.Empty(report.Unexpected);
            Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "5.weight", "5.bias", "1.running_mean", "1.running_var"],
                         report.Loaded.Where(n => !n.Contains("num_batches", StringComparison.Ordinal)));
            Assert.Equal(Values(Body(pretrained)), Values(Body(model)));
            Assert.Equal(head, Values(model[7].Parameters()));                   // the new head keeps its initialization
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<Tensor> Body(Module model) =>
        model.StateDict().Where(kv => !kv.Key.StartsWith("7.", StringComparison.Ordinal) && kv.Value.DType == DType.Float32).Select(kv => kv.Value);

    [Fact]
    public void A_head_under_a_new_name_is_reported_missing_and_the_old_one_unexpected()
    {
        var pretrained = Cnn(10, seed: 1);
        var fresh = Cnn(10, seed: 3);
        var target = new Sequential([.. fresh.Layers.Take(7), new Sequential(new Dense(8, 5))]); // the head is now 7.0
        var report = target.LoadStateDict(pretrained.StateDict(), strict: false);
        Assert.Equal(["7.0.weight", "7.0.bias"], report.Missing);
        Assert.Equal(["7.weight", "7.bias"], report.Unexpected);
        Assert.Empty(report.Mismatched);
        Assert.Equal(Values(pretrained[5].Parameters()), Values(target[5].Parameters()));
    }
}
