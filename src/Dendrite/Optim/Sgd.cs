using Dendrite.Tensors.Kernels;

namespace Dendrite.Optim;

/// <summary>Gradient descent, optionally with momentum: θ := θ − α·dθ, or θ := θ − α·v with a velocity v.</summary>
/// <remarks>
/// <para>With the whole training set per step this is batch gradient descent; with one example, stochastic gradient descent.</para>
/// <para>
/// Momentum (Polyak 1964; Sutskever, Martens, Dahl &amp; Hinton, "On the importance of initialization and momentum in
/// deep learning", ICML 2013) keeps one buffer v per parameter, zero before the first step:
/// <list type="bullet">
/// <item><see cref="MomentumForm.Course"/> (default): v := β·v + (1 − β)·dθ; θ := θ − α·v.</item>
/// <item><see cref="MomentumForm.PyTorch"/>: v := β·v + dθ; θ := θ − α·v (torch.optim.SGD, dampening 0; α is effectively 1/(1 − β) times larger).</item>
/// <item><see cref="MomentumForm.Nesterov"/>: v := β·v + dθ; θ := θ − α·(dθ + β·v) (torch.optim.SGD, nesterov=True).</item>
/// </list>
/// </para>
/// </remarks>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates gradient descent with step size <paramref name="learningRate"/>, plain unless <paramref name="momentum"/> &gt; 0.</summary>
    /// <param name="parameters">The tensors to update.</param>
    /// <param name="learningRate">α.</param>
    /// <param name="momentum">β in [0, 1); 0 is plain gradient descent with no state.</param>
    /// <param name="form">How the velocity is accumulated when β &gt; 0.</param>
    public Sgd(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0, MomentumForm form = MomentumForm.Course)
        : base(parameters, learningRate, momentum > 0 ? ["v"] : [])
    {
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), $"Momentum must be in [0, 1) but is {momentum}.");
        if (!Enum.IsDefined(form)) throw new ArgumentOutOfRangeException(nameof(form), $"Unknown momentum form {form}.");
        Momentum = momentum;
        Form = form;
    }

    /// <summary>β, the velocity's decay; 0 for plain gradient descent.</summary>
    public double Momentum { get; }

    /// <summary>How the velocity is accumulated.</summary>
    public MomentumForm Form { get; }

    /// <inheritdoc/>
    protected override void Update<T>(int index, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        var alpha = T.CreateChecked(LearningRate);
        if (Momentum == 0)
        {
            Elementwise.MultiplyAdd(gradient, -alpha, parameter, parameter); // θ += (−α)·dθ
            return;
        }
        var beta = T.CreateChecked(Momentum);
        var v = State<T>(index, "v");
        switch (Form)
        {
            case MomentumForm.Course:
                Elementwise.Multiply(v, beta, v);                          // v := β·v
                Elementwise.MultiplyAdd(gradient, T.CreateChecked(1 - Momentum), v, v); // v += (1 − β)·dθ
                Elementwise.MultiplyAdd(v, -alpha, parameter, parameter);  // θ += (−α)·v
                break;
            case MomentumForm.PyTorch:
                OptimizerUpdates.Momentum(parameter, gradient, v, beta, alpha); // v := β·v + dθ;  θ −= α·v
                break;
            default:
                var step = Scratch<T>(parameter.Length);
                Elementwise.MultiplyAdd(v, beta, gradient, v);             // v := β·v + dθ
                Elementwise.MultiplyAdd(v, beta, gradient, step);          // step = dθ + β·v
                Elementwise.MultiplyAdd(step, -alpha, parameter, parameter); // θ += (−α)·step
                break;
        }
    }
}
