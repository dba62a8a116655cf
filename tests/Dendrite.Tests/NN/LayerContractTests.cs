using Dendrite.Autograd;
using Dendrite.Models;
using Dendrite.NN;
using Dendrite.Serialization;
using Dendrite.Vision;

namespace Dendrite.Tests.NN;

/// <summary>
/// One contract over every layer (Keras's layer test): output shape, parameter count, a float64 gradient check that
/// reaches the input and every parameter, train/eval behaviour, a state-dict round trip and printing. A new
/// <see cref="Module"/> type fails <see cref="Every_layer_type_has_a_contract_case"/> until it gets a case here.
/// </summary>
public class LayerContractTests
{
    /// <summary>One layer under test: how to build it (fixed seeds), its input and output shapes, its parameter count
    /// worked out by hand from the layer's formula, and whether train and eval modes compute different outputs.</summary>
    /// <para>A layer that takes indices (an embedding) sets <c>Indices</c> to their range: its input is Int32 and the
    /// gradient check covers its parameters only.</para>
    /// <para>A cell whose one-step forward starts from a zero state sets <c>Run</c> to take two steps, so the gradient
    /// reaches its recurrent weights.</para>
    public sealed record Case(string Name, Func<Module> Create, int[] Input, int[] Output, long Parameters, bool TrainEvalDiffer = false, int Indices = 0,
        Func<Module, Tensor, Tensor>? Run = null)
    {
        public Tensor Apply(Module layer, Tensor x) => Run?.Invoke(layer, x) ?? layer.Forward(x);

        public override string ToString() => Name;
    }

    /// <summary>Whole networks from the zoo: their parameter counts are checked against the published totals in Models/.</summary>
    private static readonly Type[] ZooModels =
        [typeof(LeNet5), typeof(AlexNet), typeof(Vgg), typeof(ResNet), typeof(ResNetCifar), typeof(GoogLeNet), typeof(MobileNetV1), typeof(MobileNetV2), typeof(EfficientNet)];

    private static readonly Case[] All =
    [
        new("Dense", () => new Dense(4, 3, random: new Random(1)), [5, 4], [5, 3], 4 * 3 + 3),
        new("Dense without bias", () => new Dense(4, 3, bias: false, random: new Random(1)), [5, 4], [5, 3], 4 * 3),
        new("Conv2d 3x3 same", () => new Conv2d(2, 3, 3, padding: 1, random: new Random(2)), [2, 2, 5, 5], [2, 3, 5, 5], 2 * 3 * 9 + 3),
        new("Conv2d depthwise stride 2", () => new Conv2d(4, 4, 3, stride: 2, padding: 1, groups: 4, random: new Random(3)), [1, 4, 6, 6], [1, 4, 3, 3], 4 * 9 + 4),
        new("ConvTranspose2d stride 2", () => new ConvTranspose2d(2, 3, 3, stride: 2, padding: 1, outputPadding: 1, random: new Random(30)), [2, 2, 3, 3], [2, 3, 6, 6], 2 * 3 * 9 + 3),
        new("ConvTranspose2d groups", () => new ConvTranspose2d(4, 2, 2, stride: 2, groups: 2, bias: false, random: new Random(31)), [1, 4, 2, 3], [1, 2, 4, 6], 4 * 1 * 4),
        new("Upsample nearest", () => new Upsample(2), [1, 2, 2, 3], [1, 2, 4, 6], 0),
        new("Upsample bilinear", () => new Upsample((3, 5), InterpolationMode.Bilinear), [2, 1, 2, 3], [2, 1, 3, 5], 0),
        new("MaxPool2d", () => new MaxPool2d(2), [1, 2, 4, 4], [1, 2, 2, 2], 0),
        new("AvgPool2d", () => new AvgPool2d(3, stride: 2, padding: 1), [1, 2, 5, 5], [1, 2, 3, 3], 0),
        new("AdaptiveAvgPool2d", () => new AdaptiveAvgPool2d(2), [1, 2, 5, 5], [1, 2, 2, 2], 0),
        new("GlobalAvgPool2d", () => new GlobalAvgPool2d(), [2, 3, 4, 4], [2, 3], 0),
        new("ZeroPad2d", () => new ZeroPad2d(1, 2, 0, 1), [1, 2, 3, 3], [1, 2, 4, 6], 0),
        new("Flatten", () => new Flatten(), [2, 3, 2, 2], [2, 12], 0),
        new("BatchNorm1d", () => new BatchNorm1d(3), [6, 3], [6, 3], 2 * 3, TrainEvalDiffer: true),
        new("BatchNorm2d", () => new BatchNorm2d(2), [3, 2, 3, 3], [3, 2, 3, 3], 2 * 2, TrainEvalDiffer: true),
        new("Normalization", () => new Normalization(Tensor.FromArray([0.5, -1, 2], [3]), Tensor.FromArray([4.0, 0.25, 1], [3])), [4, 3], [4, 3], 0),
        new("Dropout", () => new Dropout(0.3, seed: 1), [4, 6], [4, 6], 0, TrainEvalDiffer: true),
        new("Relu", () => new Relu(), [3, 5], [3, 5], 0),
        new("Relu6", () => new Relu6(), [3, 5], [3, 5], 0),
        new("LeakyRelu", () => new LeakyRelu(0.1), [3, 5], [3, 5], 0),
        new("Sigmoid", () => new Sigmoid(), [3, 5], [3, 5], 0),
        new("Tanh", () => new Tanh(), [3, 5], [3, 5], 0),
        new("Silu", () => new Silu(), [3, 5], [3, 5], 0),
        new("Hardswish", () => new Hardswish(), [3, 5], [3, 5], 0),
        new("Softmax", () => new Softmax(), [3, 5], [3, 5], 0),
        new("LogSoftmax", () => new LogSoftmax(), [3, 5], [3, 5], 0),
        new("L2Normalize", () => new L2Normalize(), [3, 5], [3, 5], 0),
        // conv 1 → 2 (3x3), conv 2 → 4 (3x3), Dense 4·1·1 → 3, then L2 normalization
        new("TinyYolo", () => new TinyYolo(numClasses: 2, anchors: 1, inChannels: 1, width: 2, stages: 2, random: new Random(31)), [2, 1, 4, 4], [2, 7, 2, 2],
            (1 * 2 * 9 + 2 * 2) + (2 * 4 * 9 + 4 * 2) + (4 * 7 + 7), TrainEvalDiffer: true),
        new("EmbeddingNet", () => new EmbeddingNet(3, inputSize: 4, width: 2, random: new Random(30)), [2, 1, 4, 4], [2, 3], (1 * 2 * 9 + 2) + (2 * 4 * 9 + 4) + (4 * 3 + 3)),
        new("SqueezeExcitation", () => new SqueezeExcitation(4, 2, random: new Random(4)), [2, 4, 3, 3], [2, 4, 3, 3], (4 * 2 + 2) + (2 * 4 + 4)),
        new("Sequential", () => new Sequential(new Dense(4, 3, random: new Random(5)), new Tanh()), [5, 4], [5, 3], 4 * 3 + 3),
        new("Concatenate", () => new Concatenate(new Dense(4, 2, random: new Random(6)), new Dense(4, 3, random: new Random(7))), [5, 4], [5, 5], (4 * 2 + 2) + (4 * 3 + 3)),
        // conv 3x3 without bias, then batch norm (γ, β)
        new("BasicConv2d", () => new BasicConv2d(3, 4, 3, padding: 1, random: new Random(8)), [2, 3, 5, 5], [2, 4, 5, 5], 3 * 4 * 9 + 2 * 4, TrainEvalDiffer: true),
        new("CeilMaxPool2d", () => new CeilMaxPool2d(3, 2), [1, 2, 6, 6], [1, 2, 3, 3], 0),
        // two 3x3 convs with batch norms; the stride-2 block adds a 1x1 projection with its batch norm
        new("BasicBlock", () => new BasicBlock(4, 4, random: new Random(9)), [2, 4, 4, 4], [2, 4, 4, 4], 2 * (4 * 4 * 9 + 2 * 4), TrainEvalDiffer: true),
        new("BasicBlock stride 2", () => new BasicBlock(4, 8, stride: 2, random: new Random(10)), [2, 4, 4, 4], [2, 8, 2, 2],
            (4 * 8 * 9 + 16) + (8 * 8 * 9 + 16) + (4 * 8 + 16), TrainEvalDiffer: true),
        // 1x1 reduce to width 2, 3x3, 1x1 expand to 4·2 = 8 channels, each with batch norm
        new("Bottleneck", () => new Bottleneck(8, 2, random: new Random(11)), [2, 8, 3, 3], [2, 8, 3, 3], (8 * 2 + 4) + (2 * 2 * 9 + 4) + (2 * 8 + 16), TrainEvalDiffer: true),
        // depthwise 3x3 + batch norm, pointwise 1x1 + batch norm
        new("DepthwiseSeparable", () => new DepthwiseSeparable(4, 6, random: new Random(12)), [1, 4, 4, 4], [1, 6, 4, 4], (4 * 9 + 8) + (4 * 6 + 12), TrainEvalDiffer: true),
        // expand 1x1 to 8, depthwise 3x3, project 1x1 back to 4, each with batch norm; residual
        new("InvertedResidual", () => new InvertedResidual(4, 4, 1, 2, random: new Random(13)), [1, 4, 4, 4], [1, 4, 4, 4],
            (4 * 8 + 16) + (8 * 9 + 16) + (8 * 4 + 8), TrainEvalDiffer: true),
        // as InvertedResidual plus squeeze-excitation 8 → 1 → 8 (1x1 convs with bias)
        new("MBConv", () => new MBConv(4, 4, 3, 1, 2, random: new Random(14)), [1, 4, 4, 4], [1, 4, 4, 4],
            (4 * 8 + 16) + (8 * 9 + 16) + (8 * 1 + 1) + (1 * 8 + 8) + (8 * 4 + 8), TrainEvalDiffer: true),
        new("StochasticDepth", () => new StochasticDepth(0.5, seed: 2), [6, 3], [6, 3], 0, TrainEvalDiffer: true),
        new("Embedding", () => new Embedding(10, 3, paddingIndex: 0, random: new Random(15)), [4, 5], [4, 5, 3], 10 * 3, Indices: 10),
        // recurrent layers: per layer and direction W_ih [G·H, I], W_hh [G·H, H], b_ih and b_hh [G·H]
        new("Rnn", () => new Rnn(3, 4, random: new Random(16)), [5, 2, 3], [5, 2, 4], 4 * 3 + 4 * 4 + 2 * 4),
        new("Rnn relu batch-first", () => new Rnn(3, 2, nonlinearity: "relu", batchFirst: true, random: new Random(17)), [2, 4, 3], [2, 4, 2], 2 * 3 + 2 * 2 + 2 * 2),
        new("Gru two layers", () => new Gru(3, 2, numLayers: 2, random: new Random(18)), [4, 2, 3], [4, 2, 2], (6 * 3 + 6 * 2 + 12) + (6 * 2 + 6 * 2 + 12)),
        new("Lstm two layers bidirectional", () => new Lstm(3, 2, numLayers: 2, bidirectional: true, random: new Random(19)), [4, 2, 3], [4, 2, 4],
            2 * (8 * 3 + 8 * 2 + 16) + 2 * (8 * 4 + 8 * 2 + 16)),
        new("LayerNorm", () => new LayerNorm(4), [3, 4], [3, 4], 2 * 4),
        new("PositionalEncoding", () => new PositionalEncoding(4, maxLength: 10), [3, 2, 4], [3, 2, 4], 0),
        // packed in-projection [3E, E] + [3E], out_proj [E, E] + [E]
        new("MultiHeadAttention", () => new MultiHeadAttention(4, 2, random: new Random(24)), [3, 2, 4], [3, 2, 4], 3 * 4 * 4 + 12 + 4 * 4 + 4),
        // attention 80, linear1 4 → 6 and linear2 6 → 4, two layer norms
        new("TransformerEncoderLayer", () => new TransformerEncoderLayer(4, 2, dimFeedforward: 6, dropout: 0, random: new Random(25)), [3, 2, 4], [3, 2, 4],
            80 + (4 * 6 + 6) + (6 * 4 + 4) + 2 * 8),
        new("TransformerDecoderLayer", () => new TransformerDecoderLayer(4, 2, dimFeedforward: 6, dropout: 0, random: new Random(26)), [3, 2, 4], [3, 2, 4],
            2 * 80 + (4 * 6 + 6) + (6 * 4 + 4) + 3 * 8, Run: (m, x) => ((TransformerDecoderLayer)m).Decode(x, x)),
        // densor1 (S + F → 10) and densor2 (10 → 1)
        new("AdditiveAttention", () => new AdditiveAttention(4, 3, random: new Random(27)), [2, 5, 4], [2, 4], (7 * 10 + 10) + (10 + 1),
            Run: (m, x) => ((AdditiveAttention)m).Attend(x, Tensor.Uniform([2, 3], -1, 1, new Random(28), x.DType)).Context),
        new("AdditiveAttention without ReLU", () => new AdditiveAttention(4, 3, reluEnergies: false, random: new Random(27)), [2, 5, 4], [2, 4], (7 * 10 + 10) + (10 + 1),
            Run: (m, x) => ((AdditiveAttention)m).Attend(x, Tensor.Uniform([2, 3], -1, 1, new Random(28), x.DType)).Context),
        // Bi-LSTM 5 → 2: 2·(8·5 + 8·2 + 2·8); attention 7 → 10 → 1; LSTM cell 4 → 3: 12·4 + 12·3 + 2·12; output 3 → 3
        new("AttentionTranslator", () => new AttentionTranslator(5, 3, 3, encoderSize: 2, decoderSize: 3, random: new Random(29)), [2, 4], [2, 3, 3],
            2 * (8 * 5 + 8 * 2 + 2 * 8) + (7 * 10 + 10) + (10 + 1) + (12 * 4 + 12 * 3 + 2 * 12) + (3 * 3 + 3), Indices: 5),
        // U-Net: two 3x3 convs; the up block's transposed conv 4 → 3, then 3x3 convs over 3 + 2 channels and 3 → 3
        new("UNetConvBlock", () => new UNetConvBlock(2, 3, random: new Random(32)), [2, 2, 4, 4], [2, 3, 4, 4], (2 * 3 * 9 + 3) + (3 * 3 * 9 + 3)),
        new("UNetUpBlock", () => new UNetUpBlock(4, 2, 3, random: new Random(33)), [1, 4, 2, 2], [1, 3, 4, 4], (4 * 3 * 9 + 3) + (5 * 3 * 9 + 3) + (3 * 3 * 9 + 3),
            Run: (m, x) => ((UNetUpBlock)m).Decode(x, Tensor.Uniform([1, 2, 4, 4], -1, 1, new Random(34), x.DType))),
        // depth 1, f = 2: down1 2 → 2, bottleneck 2 → 4, up1 (4 → 2, then 4 → 2, 2 → 2), conv 2 → 2, head 1x1 2 → 3
        // biases drawn away from zero so that no ReLU of so few channels sits at its kink
        new("UNet", () => WithRandomBiases(new UNet(2, 3, filters: 2, depth: 1, dropout: 0, random: new Random(35))), [1, 2, 4, 4], [1, 3, 4, 4],
            (38 + 38) + (76 + 148) + (74 + 74 + 38) + 38 + 9),
        new("TimeDistributed", () => new TimeDistributed(new Dense(3, 2, random: new Random(23))), [4, 2, 3], [4, 2, 2], 3 * 2 + 2),
        new("FinalState", () => new FinalState(new Gru(3, 2, batchFirst: true, bidirectional: true, random: new Random(24))), [2, 5, 3], [2, 4], 2 * (6 * 3 + 6 * 2 + 12)),
        new("RnnCell", () => new RnnCell(3, 4, random: new Random(20)), [2, 3], [2, 4], 4 * 3 + 4 * 4 + 2 * 4,
            Run: (m, x) => ((RnnCell)m).Step(x, ((RnnCell)m).Step(x))),
        new("GruCell", () => new GruCell(3, 2, random: new Random(21)), [2, 3], [2, 2], 6 * 3 + 6 * 2 + 12,
            Run: (m, x) => ((GruCell)m).Step(x, ((GruCell)m).Step(x))),
        new("LstmCell", () => new LstmCell(3, 2, random: new Random(22)), [2, 3], [2, 2], 8 * 3 + 8 * 2 + 16,
            Run: (m, x) =>
            {
                var (h, c) = ((LstmCell)m).Step(x);
                return ((LstmCell)m).Step(x, h, c).H;
            }),
    ];

    public static TheoryData<Case> Cases => [.. All];

    private static Module WithRandomBiases(Module m)
    {
        var r = new Random(37);
        foreach (var (name, p) in m.NamedParameters().Where(p => p.Name.EndsWith("bias", StringComparison.Ordinal)))
            Init.NormalWith(0.5)(p, r);
        return m;
    }

    [Fact]
    public void Every_layer_type_has_a_contract_case()
    {
        var covered = All.Select(c => c.Create().GetType()).ToHashSet();
        var missing = typeof(Module).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && typeof(Module).IsAssignableFrom(t) && !ZooModels.Contains(t) && !covered.Contains(t))
            .Select(t => t.FullName).Order().ToList();
        Assert.True(missing.Count == 0, "layers without a contract case: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_shape_and_parameter_count(Case c)
    {
        var layer = c.Create();
        Assert.Equal(c.Parameters, layer.ParameterCount);
        using (GradMode.NoGrad())
            Assert.Equal(new Shape(c.Output), c.Apply(layer, Input(c, DType.Float32)).Shape);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_check_in_float64_reaches_the_input_and_every_parameter(Case c)
    {
        var layer = c.Create().To(DType.Float64);
        var x = Input(c, DType.Float64);
        if (c.Indices == 0) x.RequiresGrad = true;
        var state = Buffers(layer);
        Tensor weights;
        using (GradMode.NoGrad()) weights = Tensor.Uniform(new Shape(c.Output), 0.5, 1.5, new Random(99), DType.Float64);
        Tensor Loss()
        {
            Restore(layer, state); // the same dropout masks and batch-norm state for every evaluation
            return (c.Apply(layer, x) * weights).Sum();
        }
        var checkedTensors = c.Indices > 0 ? layer.NamedParameters().ToList() : [("input", x), .. layer.NamedParameters()];
        var result = GradCheck.Run(Loss, checkedTensors);
        Assert.True(result.Passed, result.ToString());

        layer.ZeroGrad();
        x.Grad = null;
        Loss().Backward();
        foreach (var (name, p) in checkedTensors)
            Assert.True(p.Grad is not null && p.Grad.ToArray<double>().Any(g => g != 0), $"{c.Name}: no gradient reached {name}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Train_and_eval_differ_only_where_the_layer_says(Case c)
    {
        var layer = c.Create();
        var x = Input(c, DType.Float32);
        using var _ = GradMode.NoGrad();
        var train = c.Apply(layer, x).ToArray<float>();
        layer.Eval();
        Assert.False(layer.IsTraining);
        var eval = c.Apply(layer, x).ToArray<float>();
        Assert.Equal(c.TrainEvalDiffer, !train.SequenceEqual(eval));
        Assert.Equal(eval, c.Apply(layer, x).ToArray<float>()); // eval is deterministic
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void State_dict_round_trip_reproduces_the_outputs(Case c)
    {
        var trained = c.Create();
        var x = Input(c, DType.Float32);
        using var _ = GradMode.NoGrad();
        c.Apply(trained, x); // moves running statistics and draw counters away from their initial values
        var random = new Random(5);
        foreach (var (_, p) in trained.NamedParameters())
            p.Assign(p + Tensor.Uniform(p.Shape, -0.1, 0.1, random));
        var copy = c.Create();
        var report = copy.LoadStateDict(trained.StateDict());
        Assert.Empty(report.Missing);
        Assert.Empty(report.Unexpected);
        trained.Eval();
        copy.Eval();
        Assert.Equal(c.Apply(trained, x).ToArray<float>(), c.Apply(copy, x).ToArray<float>());
        Assert.Equal(trained.StateDict().Keys, copy.StateDict().Keys);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Printing_names_the_layer(Case c)
    {
        // A leaf prints its one-line description (Dense(4 => 3)); a container prints "Name(" and its children, one per
        // line under their registered names, as PyTorch does.
        var layer = c.Create();
        string text = layer.ToString();
        Assert.StartsWith(layer.GetType().Name + "(", layer.Describe());
        if (layer.Children.Count == 0) Assert.Equal(layer.Describe(), text);
        else
        {
            Assert.StartsWith(layer.GetType().Name + "(\n", text);
            foreach (var (name, child) in layer.Children) Assert.Contains($"({name}): {child.GetType().Name}(", text);
        }
    }

    private static Tensor Input(Case c, DType dtype)
    {
        var random = new Random(c.Name.Length * 7 + c.Input.Length);
        if (c.Indices == 0) return Tensor.Uniform(new Shape(c.Input), -3, 3, random, dtype);
        var indices = new int[c.Input.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < indices.Length; i++) indices[i] = random.Next(c.Indices);
        return Tensor.FromArray(indices, new Shape(c.Input));
    }

    private static List<(Tensor Buffer, Tensor Saved)> Buffers(Module layer) =>
        [.. layer.NamedBuffers().Select(b => (b.Buffer, b.Buffer.Clone()))];

    private static void Restore(Module layer, List<(Tensor Buffer, Tensor Saved)> state)
    {
        foreach (var (buffer, saved) in state) saved.CopyInto(buffer);
    }
}
