namespace Dendrite.Vision;

/// <summary>Which triplets <see cref="OnlineTripletLoss"/> takes from a batch of labelled embeddings.</summary>
public enum TripletMining
{
    /// <summary>
    /// Every valid triplet (a ≠ p of one label, n of another) whose loss is positive; the loss is their mean
    /// (Hermans, Beyer, Leibe 2017, "batch all").
    /// </summary>
    BatchAll,

    /// <summary>
    /// One triplet per anchor: its farthest positive and its nearest negative, the loss averaged over the anchors that
    /// have both (Hermans, Beyer, Leibe 2017, "batch hard").
    /// </summary>
    BatchHard,

    /// <summary>
    /// One triplet per anchor–positive pair (FaceNet): the nearest negative that is farther than the positive but within
    /// the margin, d(a, p) &lt; d(a, n) &lt; d(a, p) + α; when no negative lies in that band, the nearest negative
    /// overall (the hardest). The loss is averaged over the pairs.
    /// </summary>
    SemiHard,
}
