namespace Dendrite.Training;

/// <summary>One misclassified example: its row, true class, predicted class, the predicted class's probability and the example's loss −log p(true).</summary>
public sealed record Misclassified(int Index, int Label, int Predicted, double Confidence, double Loss);
