namespace Dendrite.Training;

/// <summary>The four gaps between neighbouring error levels that Course 3 reads a model's problems from.</summary>
public enum Gap
{
    /// <summary>Training error − human-level error (the proxy for Bayes error): the model does not fit its training data well enough.</summary>
    AvoidableBias,

    /// <summary>Train-dev error − training error (dev − train without a train-dev set): it does not generalize to unseen data of the training distribution.</summary>
    Variance,

    /// <summary>Dev error − train-dev error: the dev/test distribution differs from the training one.</summary>
    DataMismatch,

    /// <summary>Test error − dev error: the dev set has been tuned to.</summary>
    OverfittingToDev,
}
