using Dendrite.NN;

namespace Dendrite.Vision;

/// <summary>
/// The course's face database: a name → encoding dictionary filled with one reference image per identity, with
/// <see cref="Verify"/> (the course's <c>verify</c>: is this the person claimed?) and <see cref="Identify"/> (its
/// <c>who_is_it</c>: who is this, if anyone?). Distances are plain Euclidean, d = ‖f(image) − f(reference)‖₂, and a
/// distance below <see cref="Threshold"/> counts as the same identity.
/// </summary>
/// <remarks>
/// Images are [C, H, W] (or [1, C, H, W]) and are encoded by <see cref="Embeddings.Encode"/> (evaluation mode, no
/// graph). Adding a name again replaces its reference, as assigning to the course's dictionary does.
/// </remarks>
/// <param name="encoder">The encoder f, e.g. a trained <see cref="EmbeddingNet"/>: [N, C, H, W] → [N, D].</param>
/// <param name="threshold">The distance under which two encodings are one identity (the course's 0.7 for its 128-d FaceNet encodings).</param>
public sealed class IdentityDatabase(Module encoder, double threshold = 0.7)
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, double[]> _encodings = [];

    /// <summary>The encoder f.</summary>
    public Module Encoder { get; } = encoder;

    /// <summary>The distance under which two encodings are one identity.</summary>
    public double Threshold { get; set; } = threshold;

    /// <summary>The stored identities, in the order first added.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Stores (or replaces) the reference encoding of <paramref name="name"/> from one image.</summary>
    public void Add(string name, Tensor image) => AddEncoding(name, Encode(image));

    /// <summary>Stores (or replaces) a reference encoding computed elsewhere.</summary>
    public void AddEncoding(string name, double[] encoding)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_encodings.Count > 0 && _encodings.Values.First().Length != encoding.Length)
            throw new ArgumentException($"IdentityDatabase holds encodings of length {_encodings.Values.First().Length} but '{name}' has {encoding.Length}.");
        if (!_encodings.ContainsKey(name)) _names.Add(name);
        _encodings[name] = (double[])encoding.Clone();
    }

    /// <summary>The stored encoding of <paramref name="name"/>.</summary>
    public double[] EncodingOf(string name) =>
        _encodings.TryGetValue(name, out var e) ? (double[])e.Clone() : throw new KeyNotFoundException($"IdentityDatabase has no identity '{name}'.");

    /// <summary>f(image) as a vector of length D.</summary>
    public double[] Encode(Tensor image)
    {
        var batch = image.Rank switch
        {
            3 => image.Unsqueeze(0),
            4 when image.Shape[0] == 1 => image,
            _ => throw new ArgumentException($"IdentityDatabase expects one image [C, H, W] or [1, C, H, W] but got {image.Shape}."),
        };
        return Embeddings.Encode(Encoder, batch).ToArray<double>();
    }

    /// <summary>The course's <c>verify</c>: the distance from the image to the stored encoding of <paramref name="identity"/>, and whether it is below the threshold.</summary>
    public VerificationResult Verify(Tensor image, string identity)
    {
        double distance = Distance(Encode(image), EncodingOf(identity));
        return new VerificationResult(distance, distance < Threshold);
    }

    /// <summary>
    /// The course's <c>who_is_it</c>: the stored identity nearest to the image, or no identity ("not in the
    /// database") when the smallest distance exceeds the threshold. Ties go to the identity added first.
    /// </summary>
    public IdentityMatch Identify(Tensor image) => IdentifyEncoding(Encode(image));

    /// <summary><see cref="Identify"/> for an encoding computed elsewhere.</summary>
    public IdentityMatch IdentifyEncoding(ReadOnlySpan<double> encoding)
    {
        string? nearest = null;
        double best = double.PositiveInfinity;
        foreach (var name in _names)
        {
            double distance = Distance(encoding, _encodings[name]);
            if (distance < best) (best, nearest) = (distance, name);
        }
        return new IdentityMatch(best > Threshold ? null : nearest, nearest, best);
    }

    /// <summary>‖u − v‖₂, the course's <c>np.linalg.norm(u − v)</c>.</summary>
    public static double Distance(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        if (u.Length != v.Length) throw new ArgumentException($"Distance needs encodings of one length but got {u.Length} and {v.Length}.");
        double sum = 0;
        for (int k = 0; k < u.Length; k++) sum += (u[k] - v[k]) * (u[k] - v[k]);
        return Math.Sqrt(sum);
    }

    /// <inheritdoc/>
    public override string ToString() => $"IdentityDatabase({_names.Count} identities, threshold {Threshold})";
}
