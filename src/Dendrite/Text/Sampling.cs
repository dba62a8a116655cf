namespace Dendrite.Text;

/// <summary>Choosing the next token from a model's scores: greedily, or by sampling with a temperature.</summary>
public static class Sampling
{
    /// <summary>The index of the largest score (the first on ties).</summary>
    public static int Greedy(ReadOnlySpan<double> scores)
    {
        if (scores.IsEmpty) throw new ArgumentException("Greedy needs at least one score.", nameof(scores));
        int best = 0;
        for (int i = 1; i < scores.Length; i++)
            if (scores[i] > scores[best]) best = i;
        return best;
    }

    /// <summary>
    /// Draws an index from softmax(logits / T): T = 1 samples the model's distribution, T → 0 approaches greedy (T = 0 is
    /// greedy), T &gt; 1 flattens it. With a <see cref="NumpyRandom"/> the draw is numpy's <c>np.random.choice(n, p=p)</c>.
    /// </summary>
    public static int WithTemperature(ReadOnlySpan<double> logits, double temperature, Random random)
    {
        if (!(temperature >= 0)) throw new ArgumentOutOfRangeException(nameof(temperature), $"The temperature must be non-negative but is {temperature}.");
        if (temperature == 0) return Greedy(logits);
        return FromProbabilities(Softmax(logits, temperature), random);
    }

    /// <summary>Draws an index with probabilities <paramref name="p"/> (summing to 1): the first whose cumulative probability exceeds one uniform draw.</summary>
    public static int FromProbabilities(ReadOnlySpan<double> p, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (random is NumpyRandom numpy) return numpy.Choice(p.Length, p);
        double total = 0;
        foreach (double v in p) total += v;
        double u = random.NextDouble() * total, running = 0;
        for (int i = 0; i < p.Length; i++)
            if ((running += p[i]) > u) return i;
        return p.Length - 1;
    }

    /// <summary>softmax(logits / temperature), computed stably.</summary>
    public static double[] Softmax(ReadOnlySpan<double> logits, double temperature = 1)
    {
        if (logits.IsEmpty) throw new ArgumentException("Softmax needs at least one logit.", nameof(logits));
        double max = double.NegativeInfinity;
        foreach (double v in logits) max = Math.Max(max, v);
        var p = new double[logits.Length];
        double sum = 0;
        for (int i = 0; i < p.Length; i++) sum += p[i] = Math.Exp((logits[i] - max) / temperature);
        for (int i = 0; i < p.Length; i++) p[i] /= sum;
        return p;
    }
}
