using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>
/// <c>batchnorm</c> over features [N, n] (<see cref="BatchNorm1d"/>) and <c>batchnorm2d</c> over channels [N, C, H, W]
/// (<see cref="BatchNorm2d"/>): normalize with the batch's statistics in training and the running averages in evaluation.
/// </summary>
/// <param name="images">True for batchnorm2d.</param>
internal sealed class BatchNormLayer(bool images) : LayerKind
{
    public override string Name => images ? "batchnorm2d" : "batchnorm";

    public override string Builds => images ? "BatchNorm2d(C)" : "BatchNorm1d(n_in)";

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.Number("momentum", "weight of the batch in the running averages", 0.1, "a number in [0, 1]", d => d is >= 0 and <= 1),
        SpecField.Positive("epsilon", "ε added to the variance", 1e-5),
    ];

    public override Module Build(SpecSettings s, LayerContext c) => images
        ? new BatchNorm2d(c.Channels(Name), s.Double("epsilon"), s.Double("momentum"), c.DType)
        : new BatchNorm1d(c.Features(Name), s.Double("epsilon"), s.Double("momentum"), c.DType);
}
