using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Optim;

/// <summary>Gradient descent: θ := θ − α·dθ.</summary>
/// <remarks>With the whole training set per step this is batch gradient descent; with one example, stochastic gradient descent.</remarks>
/// <param name="parameters">The tensors to update.</param>
/// <param name="learningRate">α.</param>
public sealed class Sgd(IEnumerable<Tensor> parameters, double learningRate) : Optimizer(parameters, learningRate)
{
    /// <inheritdoc/>
    protected override void Update<T>(int index, Span<T> parameter, ReadOnlySpan<T> gradient)
        => Elementwise.MultiplyAdd(gradient, T.CreateChecked(-LearningRate), parameter, parameter); // θ += (−α)·dθ
}
