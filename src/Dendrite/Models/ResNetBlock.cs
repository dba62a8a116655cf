using Dendrite.NN;

namespace Dendrite.Models;

/// <summary>The residual block a <see cref="ResNet"/> stacks.</summary>
public enum ResNetBlock
{
    /// <summary>Two 3×3 convolutions (<see cref="BasicBlock"/>): ResNet-18 and ResNet-34.</summary>
    Basic,

    /// <summary>1×1 → 3×3 → 1×1 with 4× expansion (<see cref="Models.Bottleneck"/>): ResNet-50, -101 and -152.</summary>
    Bottleneck,
}
