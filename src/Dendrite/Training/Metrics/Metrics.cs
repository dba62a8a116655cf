namespace Dendrite.Training;

/// <summary>Creates metrics by name, so a trainer or a search can be told its optimizing metric as a string.</summary>
public static class Metrics
{
    private static readonly (string Name, Func<Metric> Create)[] Registry =
    [
        ("accuracy", () => new Accuracy()),
        ("precision", () => new Precision()),
        ("precision_macro", () => new Precision(Average.Macro)),
        ("precision_micro", () => new Precision(Average.Micro)),
        ("recall", () => new Recall()),
        ("recall_macro", () => new Recall(Average.Macro)),
        ("recall_micro", () => new Recall(Average.Micro)),
        ("f1", () => new F1()),
        ("f1_macro", () => new F1(Average.Macro)),
        ("f1_micro", () => new F1(Average.Micro)),
        ("log_loss", () => new LogLoss()),
        ("exact_match", () => new ExactMatch()),
        ("map50", () => new MeanAveragePrecision()),
        ("map", () => new MeanAveragePrecision(coco: true)),
        ("mean_iou", () => new MeanIoU()),
    ];

    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Registry, r => r.Name);

    /// <summary>A fresh metric with default options for <paramref name="name"/> (case-insensitive), e.g. <c>"f1_macro"</c>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static Metric Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim();
        foreach (var (n, create) in Registry)
            if (string.Equals(n, key, StringComparison.OrdinalIgnoreCase)) return create();
        throw new ArgumentException($"Unknown metric '{name}'. Valid names: {string.Join(", ", Names)}.", nameof(name));
    }
}
