namespace Dendrite.Text;

/// <summary>
/// Word vectors with the course's week-2 tools: cosine similarity, analogies (a : b :: c : ?) and debiasing
/// (neutralize, equalize), over any embedding matrix with its vocabulary (GloVe vectors, or an <c>Embedding</c>'s weight).
/// </summary>
public sealed class WordVectors
{
    private readonly Dictionary<string, double[]> _vectors;

    /// <summary>Wraps one vector per word.</summary>
    public WordVectors(IReadOnlyDictionary<string, double[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count == 0) throw new ArgumentException("Word vectors need at least one word.", nameof(vectors));
        int d = vectors.First().Value.Length;
        foreach (var (word, v) in vectors)
            if (v.Length != d) throw new ArgumentException($"The vector of \"{word}\" has {v.Length} values but the others {d}.", nameof(vectors));
        _vectors = vectors.ToDictionary(p => p.Key, p => (double[])p.Value.Clone());
    }

    /// <summary>The rows of an embedding matrix [V, D] under the words of <paramref name="vocabulary"/> (row i ↔ word i).</summary>
    public static WordVectors FromMatrix(IReadOnlyList<string> vocabulary, Tensor matrix)
    {
        if (matrix.Rank != 2 || matrix.Shape[0] != vocabulary.Count)
            throw new ArgumentException($"Expected a matrix [{vocabulary.Count}, D] for {vocabulary.Count} words but got {matrix.Shape}.", nameof(matrix));
        var values = matrix.ToArray<double>();
        int d = matrix.Shape[1];
        return new(vocabulary.Select((w, i) => (w, values[(i * d)..((i + 1) * d)])).ToDictionary(p => p.w, p => p.Item2));
    }

    /// <summary>The words.</summary>
    public IEnumerable<string> Words => _vectors.Keys;

    /// <summary>The vector of <paramref name="word"/>.</summary>
    public double[] this[string word] =>
        _vectors.TryGetValue(word, out var v) ? v : throw new KeyNotFoundException($"\"{word}\" is not in the vocabulary of {_vectors.Count} words.");

    /// <summary>cos θ = u·v / (‖u‖‖v‖).</summary>
    public static double CosineSimilarity(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        if (u.Length != v.Length) throw new ArgumentException($"Vectors of {u.Length} and {v.Length} values.");
        double dot = 0, nu = 0, nv = 0;
        for (int i = 0; i < u.Length; i++)
        {
            dot += u[i] * v[i];
            nu += u[i] * u[i];
            nv += v[i] * v[i];
        }
        return dot / (Math.Sqrt(nu) * Math.Sqrt(nv));
    }

    /// <summary>The word d (other than a, b, c) maximizing cos(e_b − e_a, e_d − e_c): a is to b as c is to d.</summary>
    public string Analogy(string a, string b, string c)
    {
        double[] ea = this[a], eb = this[b], ec = this[c];
        var direction = Subtract(eb, ea);
        string best = "";
        double bestSimilarity = double.NegativeInfinity;
        foreach (var (word, e) in _vectors)
        {
            if (word == a || word == b || word == c) continue;
            double similarity = CosineSimilarity(direction, Subtract(e, ec));
            if (similarity > bestSimilarity) (best, bestSimilarity) = (word, similarity);
        }
        return best;
    }

    /// <summary>e minus its projection on the bias axis g: e − (e·g / ‖g‖²)·g, so the word is orthogonal to g.</summary>
    public static double[] Neutralize(ReadOnlySpan<double> e, ReadOnlySpan<double> g) => Subtract(e, Project(e, g));

    /// <summary>
    /// The course's equalization of a pair (e.g. actor/actress) along the bias axis g: both keep the pair's mean off the
    /// axis, μ⊥ = μ − proj_g μ, and get opposite, unit-norm-completing components along it, so they are equidistant from
    /// every neutralized word.
    /// </summary>
    public static (double[] First, double[] Second) Equalize(ReadOnlySpan<double> e1, ReadOnlySpan<double> e2, ReadOnlySpan<double> g)
    {
        var mu = new double[e1.Length];
        for (int i = 0; i < mu.Length; i++) mu[i] = (e1[i] + e2[i]) / 2;
        var muB = Project(mu, g);
        var muOrth = Subtract(mu, muB);
        double scale = Math.Sqrt(Math.Abs(1 - Dot(muOrth, muOrth)));
        double[] axis = g.ToArray();
        double[] Corrected(double[] e)
        {
            var eB = Project(e, axis);
            var away = Subtract(Subtract(e, muOrth), muB);
            double norm = Math.Sqrt(Dot(away, away));
            var result = new double[e.Length];
            for (int i = 0; i < result.Length; i++) result[i] = scale * (eB[i] - muB[i]) / norm + muOrth[i];
            return result;
        }
        return (Corrected(e1.ToArray()), Corrected(e2.ToArray()));
    }

    private static double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int i = 0; i < u.Length; i++) s += u[i] * v[i];
        return s;
    }

    private static double[] Project(ReadOnlySpan<double> e, ReadOnlySpan<double> g)
    {
        double k = Dot(e, g) / Dot(g, g);
        var p = new double[g.Length];
        for (int i = 0; i < p.Length; i++) p[i] = k * g[i];
        return p;
    }

    private static double[] Subtract(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        var r = new double[u.Length];
        for (int i = 0; i < r.Length; i++) r[i] = u[i] - v[i];
        return r;
    }
}
