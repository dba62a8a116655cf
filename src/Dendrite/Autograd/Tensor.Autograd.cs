using Dendrite.Autograd;

namespace Dendrite;

/// <summary>The autograd members of <see cref="Tensor"/>: gradient, graph link, backward pass and detaching.</summary>
public sealed partial class Tensor
{
    /// <summary>Whether gradients are accumulated into <see cref="Grad"/> by <see cref="Backward"/>.</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>∂loss/∂this after <see cref="Backward"/> (leaf tensors only), same shape as this tensor.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>A released gradient's buffer, reused by the next backward pass (see <see cref="ZeroGrad"/>).</summary>
    private Tensor? _spareGrad;

    /// <summary>Clears the gradient before the next backward pass: <see cref="Grad"/> becomes null, and its buffer is kept
    /// for the next accumulation (so a training loop allocates no gradient memory).</summary>
    public void ZeroGrad()
    {
        if (Grad is not null && Grad.IsContiguous && Grad.Offset == 0) _spareGrad = Grad;
        Grad = null;
        _lentGrad = null;
    }

    /// <summary>The buffer <see cref="NewGradient"/> last lent this leaf, adopted as <see cref="Grad"/> when it comes back.</summary>
    private Tensor? _lentGrad;

    /// <summary>
    /// A contiguous buffer for an op's ∂L/∂this (contents undefined). For a leaf with no gradient yet it is the buffer
    /// <see cref="Grad"/> will become (the spare one after <see cref="ZeroGrad"/>), so the backward pass adopts it instead
    /// of copying: a large weight's gradient is written once, not written, then copied into a second buffer.
    /// </summary>
    internal Tensor NewGradient()
    {
        if (GradFn is not null || Grad is not null)
            return Empty(Shape, DType);
        return _lentGrad = TakeGradBuffer();
    }

    /// <summary>Whether <paramref name="gradient"/> is the buffer <see cref="NewGradient"/> lent (forgetting the loan either way).</summary>
    internal bool ReturnsLoan(Tensor gradient)
    {
        bool lent = ReferenceEquals(gradient, _lentGrad);
        _lentGrad = null;
        return lent;
    }

    /// <summary>A contiguous buffer of this tensor's shape and dtype for a new gradient, outside any arena
    /// (gradients outlive the step): the spare one if it still fits, otherwise a new one. Contents undefined.</summary>
    internal Tensor TakeGradBuffer()
    {
        var spare = _spareGrad;
        _spareGrad = null;
        if (spare is not null && spare.Shape == Shape && spare.DType == DType) return spare;
        using var _ = TensorArena.Suspend();
        return Empty(Shape, DType);
    }

    /// <summary>The operation that produced this tensor, or null for a leaf.</summary>
    internal Node? GradFn { get; set; }

    /// <summary>True for a tensor created by the user rather than by an operation.</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>Runs reverse-mode differentiation from this scalar (or with an explicit output gradient).</summary>
    /// <param name="gradient">∂loss/∂this; defaults to 1 for a one-element tensor.</param>
    public void Backward(Tensor? gradient = null) => Graph.Backward(this, gradient);

    /// <summary>A tensor sharing this one's data but cut from the graph (no gradient flows through it).</summary>
    public Tensor Detach() => new(this, Shape, Offset, Strides);

    /// <summary>This tensor if already contiguous, otherwise a contiguous copy (differentiable).</summary>
    public Tensor Contiguous() => IsContiguous ? this : ViewOps.Contiguous(this);

    /// <summary>Replaces this tensor's data, shape and dtype with another's (used to load or convert parameters in place).</summary>
    internal void Assign(Tensor source)
    {
        var c = source.IsContiguous ? source : source.Clone();
        MarkWritten();
        Storage = c.Storage;
        Offset = c.Offset;
        Strides = c.Strides;
        Shape = c.Shape;
        DType = c.DType;
        Grad = null;
    }
}
