namespace Dendrite.NN;

/// <summary>A penalty on the weights that is added to the cost, so backpropagation adds its gradient to dW.</summary>
/// <remarks>
/// Only weights (parameters of rank ≥ 2: Dense and convolution kernels) are penalized, not biases or batch-norm
/// γ/β, as in the course. m is the number of training examples, so that a mini-batch cost
/// (1/b)·Σ L + penalty has the full-batch cost as its expectation.
/// </remarks>
public abstract class Regularizer
{
    /// <summary>The regularization strength λ.</summary>
    public double Lambda { get; }

    /// <summary>Creates a regularizer with strength <paramref name="lambda"/> ≥ 0.</summary>
    protected Regularizer(double lambda)
    {
        if (!(lambda >= 0)) throw new ArgumentOutOfRangeException(nameof(lambda), $"λ must be non-negative but is {lambda}.");
        Lambda = lambda;
    }

    /// <summary>The scalar penalty for <paramref name="model"/>'s weights with m = <paramref name="examples"/>.</summary>
    public Tensor Penalty(Module model, int examples)
    {
        if (examples < 1) throw new ArgumentOutOfRangeException(nameof(examples), $"m must be positive but is {examples}.");
        Tensor? total = null;
        foreach (var (_, p) in model.NamedParameters())
        {
            if (p.Rank < 2) continue;
            var term = Term(p);
            total = total is null ? term : total + term;
        }
        return (total ?? Tensor.Scalar(0, model.DType)) * Scale(examples);
    }

    /// <summary>The un-scaled penalty of one weight tensor (e.g. Σ W²).</summary>
    protected abstract Tensor Term(Tensor weight);

    /// <summary>The factor applied to the summed terms (e.g. λ/(2m)).</summary>
    protected abstract double Scale(int examples);
}
