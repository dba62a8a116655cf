namespace Dendrite.Optim;

/// <summary>How <see cref="Sgd"/> accumulates its velocity v when momentum β &gt; 0.</summary>
public enum MomentumForm
{
    /// <summary>The course's exponentially weighted average: v := β·v + (1 − β)·dθ; θ := θ − α·v.</summary>
    Course,

    /// <summary>PyTorch's heavy ball (dampening 0): v := β·v + dθ; θ := θ − α·v.</summary>
    PyTorch,

    /// <summary>PyTorch's Nesterov momentum: v := β·v + dθ; θ := θ − α·(dθ + β·v).</summary>
    Nesterov,
}
