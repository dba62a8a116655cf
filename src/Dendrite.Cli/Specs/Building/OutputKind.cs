namespace Dendrite.Cli.Specs;

/// <summary>How a model's outputs become predictions, decided by the loss.</summary>
internal enum OutputKind
{
    /// <summary>σ already applied (loss bce): class 1 where the output is above 0.5.</summary>
    BinaryProbability,

    /// <summary>Logits for one class (loss bce_logits): class 1 where the logit is above 0.</summary>
    BinaryLogits,

    /// <summary>One logit per class (loss cross_entropy): the arg-max.</summary>
    MulticlassLogits,

    /// <summary>The values themselves (loss mse).</summary>
    Regression,

    /// <summary>One logit per class at every time step (cross_entropy against labels [N, T]): the arg-max per step.</summary>
    SequenceLogits,

    /// <summary>One logit per class at every pixel (cross_entropy against masks [N, H, W]): the arg-max per pixel.</summary>
    PixelLogits,

    /// <summary>A YOLO detection map [N, A·(5 + C), S_h, S_w] (loss yolo against boxes [N, B, 5]), decoded into boxes.</summary>
    Detection,
}

/// <summary>Questions about an <see cref="OutputKind"/>.</summary>
internal static class OutputKinds
{
    /// <summary>Whether the outputs are one prediction of a class per example (accuracy, confusion matrix, error analysis apply).</summary>
    public static bool Classifies(this OutputKind kind) => kind is OutputKind.BinaryProbability or OutputKind.BinaryLogits or OutputKind.MulticlassLogits;
}
