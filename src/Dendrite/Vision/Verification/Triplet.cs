namespace Dendrite.Vision;

/// <summary>One mined triplet: batch rows of the anchor, a positive of its identity and a negative of another.</summary>
/// <param name="Anchor">Row of the anchor A.</param>
/// <param name="Positive">Row of the positive P (same label as A, another row).</param>
/// <param name="Negative">Row of the negative N (a different label).</param>
public readonly record struct Triplet(int Anchor, int Positive, int Negative);
