namespace Dendrite.NN;

/// <summary>The course's weight initializations.</summary>
/// <remarks>
/// For a weight of shape [out, in, k…], n_in = in·Πk (fan-in) and n_out = out·Πk (fan-out), as in PyTorch.
/// Glorot and He: X. Glorot, Y. Bengio (2010); K. He et al., "Delving Deep into Rectifiers" (2015).
/// </remarks>
public static class Init
{
    [ThreadStatic] private static Random? t_default;

    /// <summary>
    /// The generator layers draw from when no <see cref="Random"/> is passed: seeded with 0 on each thread, so a
    /// program builds the same model every run, and successive layers get different weights.
    /// </summary>
    public static Random DefaultRandom => t_default ??= new Random(0);

    /// <summary>Reseeds <see cref="DefaultRandom"/> on this thread (as <c>torch.manual_seed</c> does).</summary>
    public static void ManualSeed(int seed) => t_default = new Random(seed);

    /// <summary>W = 0. Fine for logistic regression; in a deeper net every unit then computes the same function.</summary>
    public static readonly Initializer Zeros = (w, _) => Fill(w, _ => 0);

    /// <summary>W ~ N(0, 1)·0.01, the course's "small random" initialization.</summary>
    public static readonly Initializer SmallRandom = (w, r) => Fill(w, _ => 0.01 * r.NextGaussian());

    /// <summary>W ~ N(0, 1/n_in): Xavier initialization as the course writes it (np.random.randn(...) / sqrt(n_in)); suits tanh.</summary>
    public static readonly Initializer Xavier = (w, r) => Normal(w, r, Math.Sqrt(1.0 / FanIn(w)));

    /// <summary>W ~ N(0, 2/(n_in + n_out)): Glorot normal initialization.</summary>
    public static readonly Initializer Glorot = (w, r) => Normal(w, r, Math.Sqrt(2.0 / (FanIn(w) + FanOut(w))));

    /// <summary>W ~ U(−a, a) with a = √(6/(n_in + n_out)): Glorot uniform, Keras's default.</summary>
    public static readonly Initializer GlorotUniform = (w, r) =>
    {
        double a = Math.Sqrt(6.0 / (FanIn(w) + FanOut(w)));
        Fill(w, _ => (2 * r.NextDouble() - 1) * a);
    };

    /// <summary>W ~ N(0, 2/n_in): He initialization, for ReLU layers.</summary>
    public static readonly Initializer He = (w, r) => Normal(w, r, Math.Sqrt(2.0 / FanIn(w)));

    /// <summary>W ~ N(0, std²) for a given standard deviation.</summary>
    public static Initializer NormalWith(double std) => (w, r) => Normal(w, r, std);

    /// <summary>n_in: the product of every axis after the first.</summary>
    public static int FanIn(Tensor w) => w.Rank < 2 ? w.Count : w.Count / w.Shape[0];

    /// <summary>n_out: the first axis times the receptive field (the product of axes after the second).</summary>
    public static int FanOut(Tensor w) => w.Rank < 2 ? w.Count : w.Shape[0] * (w.Count / (w.Shape[0] * w.Shape[1]));

    private static void Normal(Tensor w, Random r, double std) => Fill(w, _ => std * r.NextGaussian());

    private static void Fill(Tensor w, Func<int, double> value)
    {
        if (w.IsFloat64) { var s = w.Span<double>(); for (int i = 0; i < s.Length; i++) s[i] = value(i); }
        else { var s = w.Span<float>(); for (int i = 0; i < s.Length; i++) s[i] = (float)value(i); }
    }
}
