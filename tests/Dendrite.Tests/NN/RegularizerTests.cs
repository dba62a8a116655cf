using Dendrite.NN;

namespace Dendrite.Tests.NN;

public class RegularizerTests
{
    [Fact]
    public void L2_adds_lambda_over_2m_times_squared_weights_and_lambda_over_m_times_W_to_dW()
    {
        var model = new Sequential(new Dense(2, 2, dtype: DType.Float64), new Relu(), new Dense(2, 1, dtype: DType.Float64));
        var w0 = ((Dense)model[0]).Weight;
        var w2 = ((Dense)model[2]).Weight;
        double sumSquares = w0.ToArray<double>().Concat(w2.ToArray<double>()).Sum(v => v * v);
        var penalty = new L2(0.7).Penalty(model, examples: 10);
        Assert.Equal(0.7 / 20 * sumSquares, penalty.Item(), 12);
        penalty.Backward();
        Dendrite.Tests.Support.Naive.AssertClose(w0.ToArray<double>().Select(v => 0.07 * v).ToArray(), w0.Grad!.ToArray<double>());
        Assert.Null(((Dense)model[0]).Bias!.Grad); // biases are not penalized
    }

    [Fact]
    public void L1_penalizes_absolute_weights()
    {
        var d = new Dense(3, 2, dtype: DType.Float64);
        var penalty = new L1(0.5).Penalty(d, examples: 4);
        Assert.Equal(0.125 * d.Weight.ToArray<double>().Sum(Math.Abs), penalty.Item(), 12);
        penalty.Backward();
        Dendrite.Tests.Support.Naive.AssertClose(d.Weight.ToArray<double>().Select(v => 0.125 * Math.Sign(v)).ToArray(), d.Weight.Grad!.ToArray<double>());
    }
}

public class NormalizationTests
{
    [Fact]
    public void Normalization_uses_training_statistics_and_is_saved_with_the_model()
    {
        var x = Tensor.FromArray([1.0, 100, 3, 300, 5, 500], [3, 2]);
        var model = new Sequential(Normalization.Adapt(x), new Dense(2, 1, dtype: DType.Float64));
        var z = ((Normalization)model[0]).Forward(x).ToArray<double>();
        double s0 = Math.Sqrt(8.0 / 3 + 1e-8);
        Assert.Equal([-2 / s0, 2 / s0], new[] { z[0], z[4] }, new Close());
        Assert.Equal(["0.mean", "0.variance"], model.NamedBuffers().Select(b => b.Name));

        var path = Path.Combine(Path.GetTempPath(), $"norm-{Guid.NewGuid():N}.safetensors");
        try
        {
            Dendrite.Serialization.Checkpoint.Save(model, path);
            var other = new Sequential(Normalization.Adapt(Tensor.FromArray([0.0, 0, 1, 1], [2, 2])), new Dense(2, 1, dtype: DType.Float64));
            Dendrite.Serialization.Checkpoint.Load(other, path);
            var probe = Tensor.FromArray([2.0, 250], [1, 2]);
            Assert.Equal(model.Forward(probe).ToArray<double>(), other.Forward(probe).ToArray<double>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Concat_joins_int32_labels_exactly() =>
        Assert.Equal([1, 2, 3, int.MaxValue], Tensor.Concat([Tensor.FromArray([1, 2]), Tensor.FromArray([3, int.MaxValue])]).ToArray<int>());

    private sealed class Close : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) < 1e-9;
        public int GetHashCode(double obj) => 0;
    }
}
