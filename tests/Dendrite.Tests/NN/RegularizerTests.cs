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
