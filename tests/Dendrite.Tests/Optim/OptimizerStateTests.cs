using Dendrite.Optim;

namespace Dendrite.Tests.Optim;

public class OptimizerStateTests
{
    private static readonly Dictionary<string, Func<IEnumerable<Tensor>, Optimizer>> Rules = new()
    {
        ["Sgd"] = p => new Sgd(p, 0.05),
        ["Sgd course momentum"] = p => new Sgd(p, 0.05, 0.9),
        ["Sgd PyTorch momentum"] = p => new Sgd(p, 0.05, 0.9, MomentumForm.PyTorch),
        ["Sgd Nesterov"] = p => new Sgd(p, 0.05, 0.9, MomentumForm.Nesterov),
        ["RmsProp"] = p => new RmsProp(p, 0.01),
        ["AdaGrad"] = p => new AdaGrad(p, 0.1),
        ["Adam"] = p => new Adam(p, 0.01),
        ["AdamW"] = p => new AdamW(p, 0.01, weightDecay: 0.1),
    };

    public static TheoryData<string, DType> Cases()
    {
        var data = new TheoryData<string, DType>();
        foreach (var name in Rules.Keys)
        {
            data.Add(name, DType.Float64);
            data.Add(name, DType.Float32);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_resumed_optimizer_continues_bitwise(string rule, DType dtype)
    {
        var straight = MakeParameters(dtype);
        var straightOptimizer = Rules[rule](straight);
        for (int i = 0; i < 10; i++) Train(straightOptimizer, straight);

        var first = MakeParameters(dtype);
        var firstOptimizer = Rules[rule](first);
        for (int i = 0; i < 5; i++) Train(firstOptimizer, first);
        // The checkpoint: parameter values, optimizer buffers and step count, all copied.
        var checkpoint = firstOptimizer.StateTensors().ToDictionary(s => s.Name, s => s.Value.Clone());
        long steps = firstOptimizer.StepCount;

        var resumed = first.Select(p => Trainable(p.Clone())).ToArray();
        var resumedOptimizer = Rules[rule](resumed);
        resumedOptimizer.LoadState(steps, checkpoint);
        for (int i = 0; i < 5; i++) Train(resumedOptimizer, resumed);

        Assert.Equal(10, resumedOptimizer.StepCount);
        for (int i = 0; i < straight.Length; i++)
            Assert.Equal(straight[i].ToArray<double>(), resumed[i].ToArray<double>());
        var expected = straightOptimizer.StateTensors();
        var actual = resumedOptimizer.StateTensors();
        Assert.Equal(expected.Select(s => s.Name), actual.Select(s => s.Name));
        for (int i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i].Value.ToArray<double>(), actual[i].Value.ToArray<double>());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Steps_after_the_first_allocate_nothing(string rule, DType dtype)
    {
        var parameters = MakeParameters(dtype);
        foreach (var p in parameters) p.Grad = Tensor.Ones(p.Shape, dtype);
        var optimizer = Rules[rule](parameters);
        optimizer.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) optimizer.Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void State_buffers_are_named_by_parameter_index_and_buffer()
    {
        var parameters = MakeParameters(DType.Float32);
        var adam = new Adam(parameters);
        Assert.Empty(adam.StateTensors());
        Train(adam, parameters);
        var state = adam.StateTensors();
        Assert.Equal(["0.v", "0.s", "1.v", "1.s"], state.Select(s => s.Name));
        Assert.Equal(parameters[0].Shape, state[0].Value.Shape);
        Assert.Equal(parameters[1].Shape, state[3].Value.Shape);
    }

    [Fact]
    public void A_buffer_of_the_wrong_shape_is_rejected_naming_both_shapes()
    {
        var adam = new Adam(MakeParameters(DType.Float32));
        var e = Assert.Throws<ArgumentException>(() => adam.LoadState(3, new Dictionary<string, Tensor>
        {
            ["0.v"] = Tensor.Zeros([4, 3]),
            ["0.s"] = Tensor.Zeros([3, 4]),
        }));
        Assert.Contains("'0.v'", e.Message);
        Assert.Contains("[4, 3]", e.Message);
        Assert.Contains("[3, 4]", e.Message);
    }

    [Fact]
    public void A_buffer_of_the_wrong_dtype_is_rejected()
    {
        var sgd = new Sgd(MakeParameters(DType.Float32), 0.1, 0.9);
        var e = Assert.Throws<ArgumentException>(() => sgd.LoadState(3, new Dictionary<string, Tensor> { ["1.v"] = Tensor.Zeros([5], DType.Float64) }));
        Assert.Contains("'1.v'", e.Message);
        Assert.Contains("Float64", e.Message);
        Assert.Contains("Float32", e.Message);
    }

    [Theory]
    [InlineData("0.m")]
    [InlineData("2.v")]
    [InlineData("v")]
    [InlineData("-1.v")]
    public void An_unknown_buffer_name_is_rejected(string name)
    {
        var adam = new Adam(MakeParameters(DType.Float32));
        var e = Assert.Throws<ArgumentException>(() => adam.LoadState(1, new Dictionary<string, Tensor> { [name] = Tensor.Zeros([3, 4]) }));
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains("Adam", e.Message);
    }

    [Fact]
    public void A_parameter_with_only_some_of_its_buffers_is_rejected()
    {
        var adam = new Adam(MakeParameters(DType.Float32));
        var e = Assert.Throws<ArgumentException>(() => adam.LoadState(1, new Dictionary<string, Tensor> { ["0.v"] = Tensor.Zeros([3, 4]) }));
        Assert.Contains("'0.s'", e.Message);
    }

    [Fact]
    public void A_failed_load_leaves_the_optimizer_unchanged()
    {
        var parameters = MakeParameters(DType.Float64);
        var adam = new Adam(parameters);
        Train(adam, parameters);
        var before = adam.StateTensors().Select(s => s.Value.ToArray<double>()).ToArray();
        Assert.Throws<ArgumentException>(() => adam.LoadState(7, new Dictionary<string, Tensor> { ["9.v"] = Tensor.Zeros([1]) }));
        Assert.Equal(1, adam.StepCount);
        Assert.Equal(before, adam.StateTensors().Select(s => s.Value.ToArray<double>()).ToArray());
    }

    [Fact]
    public void Loaded_buffers_are_copies()
    {
        var parameters = MakeParameters(DType.Float64);
        var sgd = new Sgd(parameters, 0.1, 0.9);
        var v = Tensor.Ones([3, 4], DType.Float64);
        sgd.LoadState(1, new Dictionary<string, Tensor> { ["0.v"] = v, ["1.v"] = Tensor.Zeros([5], DType.Float64) });
        Train(sgd, parameters);
        Assert.All(v.ToArray<double>(), x => Assert.Equal(1.0, x));
    }

    [Fact]
    public void A_negative_step_count_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(MakeParameters(DType.Float32)).LoadState(-1, new Dictionary<string, Tensor>()));

    private static Tensor[] MakeParameters(DType dtype)
    {
        var rng = new Random(7);
        return [Trainable(Tensor.Uniform([3, 4], -1, 1, rng, dtype)), Trainable(Tensor.Uniform([5], -1, 1, rng, dtype))];
    }

    private static Tensor Trainable(Tensor t)
    {
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>One step on J = Σ c·θ² + Σ θ³/3 (c from 1 to 3), whose gradient depends on θ so that the state matters.</summary>
    private static void Train(Optimizer optimizer, Tensor[] parameters)
    {
        optimizer.ZeroGrad();
        var loss = parameters.Select((p, i) => ((p * p) * (1 + i) + p * p * p / 3).Sum()).Aggregate((a, b) => a + b);
        loss.Backward();
        optimizer.Step();
    }
}
