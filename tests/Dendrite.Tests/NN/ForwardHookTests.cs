using Dendrite.Models;
using Dendrite.NN;

namespace Dendrite.Tests.NN;

/// <summary>Forward hooks on <see cref="Module.Call"/>, and the summaries built from them.</summary>
public class ForwardHookTests
{
    [Fact]
    public void A_hook_sees_every_call_with_its_input_and_output_until_removed()
    {
        var relu = new Relu();
        var model = new Sequential(new Dense(3, 2, random: new Random(1)), relu);
        var seen = new List<(Module Module, Tensor Input, Tensor Output)>();
        var handle = relu.RegisterForwardHook((m, input, output) => seen.Add((m, input, output)));
        var x = Tensor.Uniform([4, 3], -1, 1, new Random(2));
        var y = model.Forward(x);
        var single = Assert.Single(seen);
        Assert.Same(relu, single.Module);
        Assert.Same(y, single.Output);
        Assert.Equal([4, 2], single.Input.Shape.ToArray());
        handle.Dispose();
        model.Forward(x);
        Assert.Single(seen);
    }

    [Fact]
    public void Forward_alone_runs_no_hook_of_its_own_module()
    {
        var dense = new Dense(2, 2, random: new Random(3));
        int calls = 0;
        using var _ = dense.RegisterForwardHook((_, _, _) => calls++);
        dense.Forward(Tensor.Zeros([1, 2]));
        Assert.Equal(0, calls);
        dense.Call(Tensor.Zeros([1, 2]));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void A_model_summary_names_its_rows_by_the_registered_names()
    {
        string summary = new LeNet5(random: new Random(4)).Summary([2, 1, 28, 28]);
        string[] rows = ["conv1 (Conv2d", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten", "fc1", "relu3", "fc2", "relu4", "fc3 (Dense(84 => 10))"];
        int at = 0;
        foreach (string row in rows)
        {
            int found = summary.IndexOf(row, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"no row {row} after position {at} in\n{summary}");
            at = found;
        }
        Assert.Contains("[2, 6, 28, 28]", summary);
        Assert.EndsWith("Total params: 61,706", summary);
    }

    [Fact]
    public void A_summary_leaves_no_hook_behind()
    {
        var model = new ResNetCifar(n: 1, numClasses: 3, inChannels: 1, random: new Random(5));
        string first = model.Summary([1, 1, 8, 8]);
        Assert.Equal(first, model.Summary([1, 1, 8, 8])); // no doubled rows from a leftover hook
        Assert.Contains("layer1 (Sequential", first);
        Assert.Contains("fc (Dense(64 => 3))", first);
    }
}
