using Dendrite.NN;

namespace Dendrite.Cli.Specs;

/// <summary>A model of the zoo a spec may name with <c>model: {zoo: NAME, …}</c>; its fields sit beside <c>zoo</c>.</summary>
internal abstract class ZooKind : SpecKind
{
    /// <summary>One example's shape the model is drawn for, e.g. [3, 224, 224] (what <c>dendrite summary NAME</c> uses).</summary>
    public abstract Shape InputShape(SpecSettings settings);

    /// <summary>The dtype of its inputs: floating-point images, or Int32 symbol indices.</summary>
    public virtual DType InputDType => DType.Float32;

    /// <summary>Builds the model for examples of shape <paramref name="example"/> ([C, H, W]).</summary>
    public abstract Module Build(SpecSettings settings, Shape example, Random random);

    /// <summary>The <c>classes</c> field with this model's default.</summary>
    protected static SpecField Classes(int @default) => SpecField.Int("classes", "outputs of the classifier", @default, minimum: 1);

    /// <summary>The <c>in_channels</c> field, by default the data's channels.</summary>
    protected static SpecField InChannels { get; } = SpecField.Int("in_channels", "channels of the input images", minimum: 1).DefaultsTo("the data's channels");

    /// <summary>The <c>dropout</c> field with this model's default.</summary>
    protected static SpecField Dropout(double @default) => SpecField.Fraction("dropout", "drop probability before the classifier", @default);

    /// <summary>The given in_channels, else the channels of <paramref name="example"/>; an error unless it matches the data.</summary>
    protected int Channels(SpecSettings s, Shape example)
    {
        if (example.Rank != 3)
            throw new CliException($"model.zoo: {Name} expects images [N, C, H, W] but one example has shape {example}" +
                                   (example.Rank == 1 ? "; set data.layout to image" : ""));
        int channels = s.IntOrNull("in_channels") ?? example[0];
        return channels == example[0] ? channels
            : throw new CliException($"model.in_channels: {Name} is given {channels} channels but the images have {example[0]} ({example})");
    }

    /// <summary>An error unless the images have 3 channels (models whose stem is fixed to RGB).</summary>
    protected void RequireRgb(Shape example)
    {
        if (example.Rank != 3 || example[0] != 3)
            throw new CliException($"model.zoo: {Name} takes RGB images [N, 3, H, W] but one example has shape {example}");
    }
}
