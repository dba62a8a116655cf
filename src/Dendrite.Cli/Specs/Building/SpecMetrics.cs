using Dendrite.Training;
using Dendrite.Vision;

namespace Dendrite.Cli.Specs;

/// <summary>Creates the spec's metrics by name, told whether the model outputs logits.</summary>
internal static class SpecMetrics
{
    /// <summary>A fresh metric named <paramref name="name"/> (one of <see cref="Metrics.Names"/>) for outputs of <paramref name="outputKind"/>.</summary>
    /// <param name="name">The metric's name.</param>
    /// <param name="outputKind">How the model's outputs read.</param>
    /// <param name="head">The decoding of a detector's outputs (for map50 and map).</param>
    public static Metric Create(string name, OutputKind outputKind, YoloHead? head = null)
    {
        if (name == "exact_match") return new ExactMatch();
        if (name is "map50" or "map")
        {
            if (outputKind != OutputKind.Detection || head is null)
                throw new CliException($"metrics: {name} measures detections and needs a detector (loss yolo, boxes as targets); expected accuracy or another classification metric");
            return new MeanAveragePrecision(head, coco: name == "map");
        }
        if (outputKind == OutputKind.Detection)
            throw new CliException($"metrics: {name} does not measure boxes, and this run detects them; expected map50 or map");
        if (outputKind == OutputKind.SequenceLogits) return new PerTimeStep(Create(name, OutputKind.MulticlassLogits));
        bool logits = outputKind is OutputKind.BinaryLogits or OutputKind.MulticlassLogits;
        return name switch
        {
            "accuracy" => new Accuracy(fromLogits: logits),
            "precision" => new Precision(fromLogits: logits),
            "precision_macro" => new Precision(Average.Macro, fromLogits: logits),
            "precision_micro" => new Precision(Average.Micro, fromLogits: logits),
            "recall" => new Recall(fromLogits: logits),
            "recall_macro" => new Recall(Average.Macro, fromLogits: logits),
            "recall_micro" => new Recall(Average.Micro, fromLogits: logits),
            "f1" => new F1(fromLogits: logits),
            "f1_macro" => new F1(Average.Macro, fromLogits: logits),
            "f1_micro" => new F1(Average.Micro, fromLogits: logits),
            "log_loss" => new LogLoss(fromLogits: logits),
            _ => Metrics.Create(name),
        };
    }
}
