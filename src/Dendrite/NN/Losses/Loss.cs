using Dendrite.Autograd;

namespace Dendrite.NN;

/// <summary>Loss functions: each returns a scalar tensor (the cost J) averaged over examples.</summary>
public static class Loss
{
    /// <summary>
    /// Binary cross-entropy from logits z: J = mean(max(z, 0) − z·y + log(1 + e^−|z|)), equal to
    /// −mean(y·log σ(z) + (1 − y)·log(1 − σ(z))) but stable for any z. Gradient: (σ(z) − y)/m.
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets) => LossOps.BinaryCrossEntropyWithLogits(logits, targets);

    /// <summary>
    /// Multi-task (multi-label) binary cross-entropy on logits [N, K] with missing labels: targets are 1, 0, or unknown
    /// (NaN or −1), and the mean runs over the known labels only, so an unknown label adds nothing to the loss or the
    /// gradient (the course's multi-task learning with partly labelled images).
    /// </summary>
    public static Tensor MaskedBinaryCrossEntropyWithLogits(Tensor logits, Tensor targets) => MaskedBceOp.Apply(logits, targets);

    /// <summary>
    /// The course's cost from probabilities a = σ(z): J = −(1/m)·Σ(y·log a + (1 − y)·log(1 − a)).
    /// Each log is clamped at −100, so a = 0 or 1 gives a finite cost.
    /// </summary>
    public static Tensor BinaryCrossEntropy(Tensor probabilities, Tensor targets) => LossOps.BinaryCrossEntropy(probabilities, targets);

    /// <summary>
    /// Softmax cross-entropy from logits [N, C]: J = −(1/N)·Σᵢ log softmax(zᵢ)[yᵢ] for Int32 labels [N],
    /// or −(1/N)·Σᵢ Σ_c tᵢc·log softmax(zᵢ)_c for float targets [N, C]. Gradient: (softmax(z) − onehot(y))/N.
    /// Logits [N, C, d₁, …] (a class score per pixel, as a segmentation network gives) take labels [N, d₁, …], Int32 or
    /// floats holding class numbers, and J averages over every position, as PyTorch's <c>nn.CrossEntropyLoss</c>.
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targets) =>
        logits.Rank > 2 ? PixelCrossEntropyOp.Apply(logits, targets) : LossOps.CrossEntropy(logits, targets);

    /// <summary>
    /// Softmax cross-entropy over Int32 labels [N] (or [N, d₁, …] for logits [N, C, d₁, …]) where rows or positions
    /// labelled <paramref name="ignoreIndex"/> count for nothing: J = −(1/M)·Σ over the M others of log softmax(zᵢ)[yᵢ]
    /// (PyTorch's <c>ignore_index</c>, e.g. padding or unlabelled pixels).
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targets, int ignoreIndex) =>
        logits.Rank > 2 ? PixelCrossEntropyOp.Apply(logits, targets, ignoreIndex) : LossOps.CrossEntropy(logits, targets, ignoreIndex);

    /// <summary>
    /// Cross-entropy per time step: logits [*, C] with the classes last (a recurrent layer's outputs through a
    /// <see cref="TimeDistributed"/> dense layer, [T, N, C] or [N, T, C]) against Int32 labels [*], averaged over
    /// every step whose label is not <paramref name="ignoreIndex"/> (padding past a sequence's end).
    /// </summary>
    public static Tensor SequenceCrossEntropy(Tensor logits, Tensor targets, int ignoreIndex = -100)
    {
        if (logits.Rank < 2 || targets.DType != DType.Int32 || targets.Shape.ToArray().AsSpan().SequenceCompareTo(logits.Shape.Dims[..^1]) != 0)
            throw new ArgumentException($"SequenceCrossEntropy expects logits [*, C] and Int32 labels [*] but got {logits.Shape} and {targets.DType} {targets.Shape}.");
        int classes = logits.Shape[logits.Rank - 1];
        return LossOps.CrossEntropy(logits.Reshape(-1, classes), targets.Reshape(-1), ignoreIndex);
    }

    /// <summary>
    /// The triplet loss of FaceNet (Schroff, Kalenichenko, Philbin 2015) on squared L2 distances, as in the course:
    /// ℓᵢ = max(‖f(Aᵢ) − f(Pᵢ)‖² − ‖f(Aᵢ) − f(Nᵢ)‖² + α, 0), reduced by <paramref name="reduction"/>.
    /// <b>Shape:</b> anchor, positive, negative (N, D) (or (N, *), flattened per row) → scalar.
    /// </summary>
    /// <remarks>
    /// The default reduction is the mean over the N triplets, like PyTorch's <c>TripletMarginLoss</c> and every other
    /// loss here; <see cref="LossReduction.Sum"/> gives the course's J = Σᵢ ℓᵢ. Unlike <c>TripletMarginLoss</c>, whose
    /// distances are plain ‖·‖₂, the distances here are squared, as in the paper and the course. For triplets mined from
    /// a batch, see <c>Dendrite.Vision.OnlineTripletLoss</c>.
    /// </remarks>
    /// <param name="anchor">Encodings f(A) of the anchors.</param>
    /// <param name="positive">Encodings f(P) of images of the anchors' identities.</param>
    /// <param name="negative">Encodings f(N) of images of other identities.</param>
    /// <param name="margin">α, how much farther a negative must be than the positive (the course's 0.2).</param>
    /// <param name="reduction">Mean (default) or sum over the triplets.</param>
    public static Tensor TripletLoss(Tensor anchor, Tensor positive, Tensor negative, double margin = 0.2, LossReduction reduction = LossReduction.Mean) =>
        TripletLossOp.Apply(anchor, positive, negative, margin, reduction == LossReduction.Mean);

    /// <summary>Mean squared error J = mean((ŷ − y)²).</summary>
    public static Tensor MeanSquaredError(Tensor predictions, Tensor targets) => LossOps.MeanSquaredError(predictions, targets);

    /// <summary>[N] Int32 class indices → [N, C] one-hot rows.</summary>
    public static Tensor OneHot(Tensor labels, int classes, DType dtype = DType.Float32) => LossOps.OneHot(labels, classes, dtype);
}
