using Dendrite.NN;
using Dendrite.Vision;

namespace Dendrite.Tests.Vision.StyleTransfer;

/// <summary>Activations of named sub-modules of any model in one forward pass, through forward hooks that do not outlive it.</summary>
public class FeatureExtractorTests
{
    private static Sequential Net() => new(
        new Conv2d(2, 3, 3, padding: 1, random: new Random(1)), new Relu(), new MaxPool2d(2),
        new Sequential(new Conv2d(3, 4, 3, padding: 1, random: new Random(2)), new Tanh()));

    [Fact]
    public void It_returns_each_named_modules_output_in_the_order_asked()
    {
        var model = Net();
        var x = Tensor.Uniform([2, 2, 6, 6], 0, 1, new Random(3));
        var extracted = new FeatureExtractor(model, "3.1", "0", "2").Extract(x);
        var conv = model[0].Forward(x);
        var pooled = model[2].Forward(model[1].Forward(conv));
        var deep = model[3].Forward(pooled);
        Assert.Equal(3, extracted.Length);
        Assert.Equal(deep.ToArray<float>(), extracted[0].ToArray<float>());
        Assert.Equal(conv.ToArray<float>(), extracted[1].ToArray<float>());
        Assert.Equal(pooled.ToArray<float>(), extracted[2].ToArray<float>());
        Assert.Equal([2, 4, 3, 3], extracted[0].Shape.ToArray());
    }

    [Fact]
    public void The_activations_stay_in_the_graph_and_the_hooks_are_gone_afterwards()
    {
        var model = Net();
        var extractor = new FeatureExtractor(model, "1");
        var x = Tensor.Uniform([1, 2, 4, 4], 0, 1, new Random(4));
        x.RequiresGrad = true;
        extractor.Extract(x)[0].Sum().Backward();
        Assert.NotNull(x.Grad);
        int calls = 0;
        using (model[1].RegisterForwardHook((_, _, _) => calls++)) model.Forward(x);
        Assert.Equal(1, calls);  // only this test's hook ran: the extractor left none behind
    }

    [Fact]
    public void Unknown_or_unused_layers_fail_with_their_names()
    {
        var model = Net();
        var unknown = Assert.Throws<ArgumentException>(() => new FeatureExtractor(model, "0", "7"));
        Assert.Contains("'7'", unknown.Message);
        Assert.Throws<ArgumentException>(() => new FeatureExtractor(model));
        Assert.Throws<ArgumentException>(() => new FeatureExtractor(model, "0", "0"));
        var unused = new UnusedChild();
        var error = Assert.Throws<InvalidOperationException>(() => new FeatureExtractor(unused, "spare").Extract(Tensor.Zeros([1, 2])));
        Assert.Contains("'spare'", error.Message);
    }

    private sealed class UnusedChild : Module
    {
        public UnusedChild() => RegisterModule("spare", new Relu());

        public override Tensor Forward(Tensor input) => input;
    }
}
