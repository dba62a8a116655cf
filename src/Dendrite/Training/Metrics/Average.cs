namespace Dendrite.Training;

/// <summary>How per-class precision, recall or F1 are combined into one number (scikit-learn's <c>average</c>).</summary>
public enum Average
{
    /// <summary>Only the positive class counts: the score of "positive class vs the rest".</summary>
    Binary,

    /// <summary>Unweighted mean of the per-class scores: every class counts equally, however rare.</summary>
    Macro,

    /// <summary>Scores from the true/false positives and negatives summed over classes: every example counts equally.</summary>
    Micro,
}
