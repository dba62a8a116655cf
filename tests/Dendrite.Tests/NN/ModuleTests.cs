using Dendrite.NN;
using static Dendrite.Tests.Support.Gradients;

namespace Dendrite.Tests.NN;

public class ModuleTests
{
    private sealed class DeepNet : Module
    {
        private readonly Sequential _layers;

        public DeepNet(int[] dims)
        {
            var modules = new List<Module>();
            for (int l = 1; l < dims.Length; l++)
            {
                modules.Add(new Dense(dims[l - 1], dims[l], random: new Random(l)));
                modules.Add(l < dims.Length - 1 ? new Relu() : new Sigmoid());
            }
            _layers = RegisterModule("layers", new Sequential([.. modules]));
        }

        public override Tensor Forward(Tensor input) => _layers.Forward(input);
    }

    [Fact]
    public void Parameters_get_pytorch_style_dotted_names()
    {
        var net = new DeepNet([4, 3, 1]);
        Assert.Equal(["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"], net.NamedParameters().Select(p => p.Name));
        Assert.Equal(4 * 3 + 3 + 3 + 1, net.ParameterCount);
        Assert.All(net.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void Dense_weight_is_out_by_in_like_the_course()
    {
        var d = new Dense(784, 128);
        Assert.Equal(new Shape(128, 784), d.Weight.Shape);
        Assert.Equal(new Shape(128), d.Bias!.Shape);
        Assert.Equal("Dense(784 => 128)", d.ToString());
        Assert.Null(new Dense(3, 2, bias: false).Bias);
    }

    [Fact]
    public void Dense_rejects_a_wrong_input_naming_the_layer_and_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dense(784, 128).Forward(Tensor.Zeros([8, 100])));
        Assert.Equal("Dense(784 => 128) expects [N, 784] but got [8, 100].", e.Message);
    }

    [Fact]
    public void Train_and_eval_propagate_through_the_tree()
    {
        var net = new DeepNet([2, 2, 1]);
        net.Eval();
        Assert.False(net.Children[0].Module.IsTraining);
        Assert.False(((Sequential)net.Children[0].Module)[0].IsTraining);
        net.Train();
        Assert.True(((Sequential)net.Children[0].Module)[2].IsTraining);
    }

    [Fact]
    public void ToString_prints_the_tree_and_Summary_the_shapes_and_counts()
    {
        var model = new Sequential(new Dense(12288, 20), new Relu(), new Dense(20, 7), new Relu(), new Dense(7, 5), new Relu(), new Dense(5, 1), new Sigmoid());
        var text = model.ToString();
        Assert.StartsWith("Sequential(\n  (0): Dense(12288 => 20)\n  (1): Relu()", text.Replace("\r", ""));
        var summary = model.Summary([209, 12288]);
        Assert.Contains("[209, 20]", summary);
        Assert.Contains("245,780", summary); // 12288·20 + 20
        Assert.Contains("Total params: 245,973", summary); // + 147 + 40 + 6
        Assert.Equal(245_973, model.ParameterCount);
    }

    [Fact]
    public void Converting_a_model_to_float64_converts_every_parameter_in_place()
    {
        var d = new Dense(3, 2);
        var w = d.Weight;
        d.To(DType.Float64);
        Assert.Same(w, d.Weight);
        Assert.Equal(DType.Float64, d.Weight.DType);
        Assert.Equal(DType.Float64, d.Forward(Tensor.Zeros([1, 3], DType.Float64)).DType);
    }

    [Fact]
    public void A_deep_network_passes_the_course_gradient_check_per_parameter()
    {
        var net = new Sequential(new Dense(4, 5, init: Init.He, random: new Random(1)), new Relu(), new Dense(5, 3, random: new Random(2)),
                                 new Tanh(), new Dense(3, 3, random: new Random(3)), new LeakyRelu(), new Dense(3, 1, random: new Random(4)));
        net.To(DType.Float64);
        var x = Tensor.Uniform([6, 4], -1, 1, new Random(5), DType.Float64);
        var y = Tensor.FromArray([1.0, 0, 1, 1, 0, 0], [6, 1]);
        var result = Dendrite.Autograd.GradCheck.Run(() => Loss.BinaryCrossEntropyWithLogits(net.Forward(x), y), net.NamedParameters());
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(8, result.Parameters.Count);
        Assert.All(result.Parameters, p => Assert.True(p.Difference < 2e-7, $"{p.Name}: {p.Difference}"));
    }

    [Theory]
    [InlineData(nameof(Relu))]
    [InlineData(nameof(LeakyRelu))]
    [InlineData(nameof(Sigmoid))]
    [InlineData(nameof(Tanh))]
    [InlineData(nameof(Softmax))]
    [InlineData(nameof(LogSoftmax))]
    [InlineData(nameof(Dense))]
    public void Every_layer_passes_the_gradient_check_and_keeps_its_contract(string layerName)
    {
        Module layer = layerName switch
        {
            nameof(Relu) => new Relu(),
            nameof(LeakyRelu) => new LeakyRelu(0.1),
            nameof(Sigmoid) => new Sigmoid(),
            nameof(Tanh) => new Tanh(),
            nameof(Softmax) => new Softmax(),
            nameof(LogSoftmax) => new LogSoftmax(),
            _ => new Dense(4, 3, random: new Random(7)),
        };
        layer.To(DType.Float64);
        var x = Leaf([5, 4], 11);
        var weights = Tensor.Uniform(layer.Forward(x).Shape, 0.5, 1.5, new Random(3), DType.Float64);
        var parameters = layer.NamedParameters().Append(("input", x));
        var result = Dendrite.Autograd.GradCheck.Run(() => (layer.Forward(x) * weights).Sum(), parameters);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(5, layer.Forward(x).Shape[0]);
        Assert.Equal(layer.Describe(), layer.ToString());
    }

    [Fact]
    public void Initializers_have_the_documented_variance()
    {
        double Var(Initializer init, int fanOut, int fanIn)
        {
            var w = Tensor.Zeros([fanOut, fanIn], DType.Float64);
            init(w, new Random(42));
            var v = w.ToArray<double>();
            return v.Select(a => a * a).Average();
        }
        Assert.Equal(0, Var(Init.Zeros, 50, 400));
        Assert.InRange(Var(Init.SmallRandom, 200, 400), 0.95e-4, 1.05e-4);
        Assert.InRange(Var(Init.Xavier, 200, 400), 0.95 / 400, 1.05 / 400);
        Assert.InRange(Var(Init.Glorot, 200, 400), 0.95 * 2 / 600, 1.05 * 2 / 600);
        Assert.InRange(Var(Init.He, 200, 400), 0.95 * 2 / 400, 1.05 * 2 / 400);
        Assert.InRange(Var(Init.GlorotUniform, 200, 400), 0.95 * 2 / 600, 1.05 * 2 / 600);
    }
}

public class DefaultRandomTests
{
    [Fact]
    public void Layers_without_a_generator_differ_from_each_other_but_repeat_after_reseeding()
    {
        Init.ManualSeed(7);
        var a = new Dense(4, 4).Weight.ToArray<double>();
        var b = new Dense(4, 4).Weight.ToArray<double>();
        Init.ManualSeed(7);
        var c = new Dense(4, 4).Weight.ToArray<double>();
        Assert.NotEqual(a, b);
        Assert.Equal(a, c);
    }
}
