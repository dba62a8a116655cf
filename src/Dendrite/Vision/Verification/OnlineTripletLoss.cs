using Dendrite.NN;

namespace Dendrite.Vision;

/// <summary>
/// The triplet loss with triplets mined online from each batch: embeddings [N, D] and integer identity labels [N] give
/// the pairwise squared-distance matrix D[i, j] = ‖f(xᵢ) − f(xⱼ)‖², the chosen <see cref="TripletMining"/> picks
/// triplets (a, p, n) from its values, and the loss is the mean of max(D[a, p] − D[a, n] + α, 0) over them, read
/// from the same matrix so the gradient flows through every selected entry.
/// </summary>
/// <remarks>
/// <para>FaceNet (Schroff, Kalenichenko, Philbin 2015) for the semi-hard rule; A. Hermans, L. Beyer, B. Leibe, "In
/// Defense of the Triplet Loss for Person Re-Identification" (2017) for batch all and batch hard. Selection is made on
/// the distances' values and is not differentiated (it is piecewise constant); ties go to the lower row index.</para>
/// <para>Semi-hard falls back to the hardest negative when no negative lies in the band (TensorFlow Addons'
/// <c>triplet_semihard_loss</c> falls back to the farthest one instead). A batch with no valid triplet gives a loss of
/// zero that is still attached to the graph.</para>
/// <para><b>Shape:</b> embeddings (N, D), labels Int32 (N) → scalar.</para>
/// </remarks>
/// <param name="margin">α, the margin (the course's 0.2, suited to unit-length encodings).</param>
/// <param name="mining">Which triplets to take (default semi-hard).</param>
public sealed class OnlineTripletLoss(double margin = 0.2, TripletMining mining = TripletMining.SemiHard)
{
    /// <summary>α, the margin.</summary>
    public double Margin { get; } = margin >= 0 ? margin : throw new ArgumentOutOfRangeException(nameof(margin), $"OnlineTripletLoss needs a margin ≥ 0 but got {margin}.");

    /// <summary>The mining rule.</summary>
    public TripletMining Mining { get; } = mining;

    /// <summary>The mean triplet loss over the triplets mined from this batch.</summary>
    public Tensor Compute(Tensor embeddings, Tensor labels)
    {
        if (embeddings.Rank != 2 || labels.DType != DType.Int32 || labels.Shape != new Shape(embeddings.Shape[0]))
            throw new ArgumentException($"OnlineTripletLoss expects embeddings [N, D] and Int32 labels [N] but got {embeddings.Shape} and {labels.DType} {labels.Shape}.");
        int n = embeddings.Shape[0];
        var distances = Functional.PairwiseSquaredDistances(embeddings, embeddings);
        var triplets = Mine(distances, labels.ToArray<int>());
        if (triplets.Length == 0) return distances.Sum() * 0.0;
        var positive = new int[triplets.Length];
        var negative = new int[triplets.Length];
        for (int t = 0; t < triplets.Length; t++)
        {
            positive[t] = triplets[t].Anchor * n + triplets[t].Positive;
            negative[t] = triplets[t].Anchor * n + triplets[t].Negative;
        }
        var flat = distances.Reshape(n * n);
        return (flat.SelectRows(positive) - flat.SelectRows(negative) + Margin).Relu().Mean();
    }

    /// <summary>The triplets this rule selects from a squared-distance matrix [N, N] and labels [N], ordered by anchor, then positive, then negative.</summary>
    public Triplet[] Mine(Tensor distances, ReadOnlySpan<int> labels)
    {
        int n = labels.Length;
        if (distances.Shape != new Shape(n, n))
            throw new ArgumentException($"OnlineTripletLoss.Mine expects distances [{n}, {n}] for {n} labels but got {distances.Shape}.");
        var d = distances.Detach().ToArray<double>();
        var triplets = new List<Triplet>();
        for (int a = 0; a < n; a++)
        {
            if (Mining == TripletMining.BatchHard) MineHardest(d, labels, a, triplets);
            else
                for (int p = 0; p < n; p++)
                    if (p != a && labels[p] == labels[a])
                        MinePair(d, labels, a, p, triplets);
        }
        return [.. triplets];
    }

    private void MinePair(double[] d, ReadOnlySpan<int> labels, int a, int p, List<Triplet> triplets)
    {
        int n = labels.Length;
        double dap = d[a * n + p];
        int hardest = -1, semiHard = -1;
        for (int k = 0; k < n; k++)
        {
            if (labels[k] == labels[a]) continue;
            double dan = d[a * n + k];
            if (Mining == TripletMining.BatchAll)
            {
                if (dap - dan + Margin > 0) triplets.Add(new(a, p, k));
                continue;
            }
            if (hardest < 0 || dan < d[a * n + hardest]) hardest = k;
            if (dan > dap && dan < dap + Margin && (semiHard < 0 || dan < d[a * n + semiHard])) semiHard = k;
        }
        if (Mining == TripletMining.SemiHard && hardest >= 0) triplets.Add(new(a, p, semiHard >= 0 ? semiHard : hardest));
    }

    private static void MineHardest(double[] d, ReadOnlySpan<int> labels, int a, List<Triplet> triplets)
    {
        int n = labels.Length, farthest = -1, nearest = -1;
        for (int k = 0; k < n; k++)
        {
            double dak = d[a * n + k];
            if (labels[k] == labels[a])
            {
                if (k != a && (farthest < 0 || dak > d[a * n + farthest])) farthest = k;
            }
            else if (nearest < 0 || dak < d[a * n + nearest]) nearest = k;
        }
        if (farthest >= 0 && nearest >= 0) triplets.Add(new(a, farthest, nearest));
    }

    /// <inheritdoc/>
    public override string ToString() => $"OnlineTripletLoss(margin: {Margin}, mining: {Mining})";
}
