using Dendrite.Training;

namespace Dendrite.Cli.Report;

/// <summary>Everything the run report of <c>dendrite train</c> shows.</summary>
/// <param name="Title">Heading of the page, e.g. the spec's name.</param>
/// <param name="Settings">Run settings in the order to show them (optimizer, learning rate, batch size…).</param>
/// <param name="History">Per-epoch values: <c>loss</c>, metrics, <c>dev_loss</c>, <c>dev_…</c>, <c>lr</c>.</param>
/// <param name="FinalMetrics">Final results in the order to show them, e.g. <c>test_accuracy → 0.97</c>.</param>
/// <param name="Confusion">Optional confusion matrix (rows = true class) of the final evaluation.</param>
/// <param name="ClassNames">Optional class names for the matrix's rows and columns; class indices otherwise.</param>
/// <param name="Attention">Optional attention map of one translated example.</param>
/// <param name="Diagnosis">Optional bias / variance / data-mismatch analysis.</param>
/// <param name="DecisionBoundary">Optional PNG of a 2-D classifier's decision regions with the training points.</param>
/// <param name="Misclassified">Optional grid of an image classifier's worst mistakes.</param>
/// <param name="Detections">Optional grid of a detector's boxes on held-out images.</param>
/// <param name="Segmentation">Optional grid of a segmentation run's inputs, true masks and predicted masks.</param>
/// <param name="HumanError">Optional human-level error, drawn as a line (1 − it) on the accuracy curves.</param>
internal sealed record ReportData(
    string Title,
    IReadOnlyList<KeyValuePair<string, string>> Settings,
    History History,
    IReadOnlyList<KeyValuePair<string, double>> FinalMetrics,
    ConfusionMatrix? Confusion = null,
    IReadOnlyList<string>? ClassNames = null,
    AttentionMap? Attention = null,
    Diagnosis? Diagnosis = null,
    byte[]? DecisionBoundary = null,
    MisclassifiedGrid? Misclassified = null,
    double? HumanError = null,
    DetectionGrid? Detections = null,
    SegmentationGrid? Segmentation = null);
