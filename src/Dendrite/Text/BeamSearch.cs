namespace Dendrite.Text;

/// <summary>
/// Beam search with the course's length normalization: keep the B most likely prefixes at every step, and rank
/// finished outputs by (1 / T_y^α)·Σ log P(y⟨t⟩ | x, y⟨&lt;t⟩), α = 0.7 by default (α = 0: no normalization, which
/// favours short outputs; α = 1: the mean log probability).
/// </summary>
public static class BeamSearch
{
    /// <summary>Decodes one output.</summary>
    /// <param name="logProbabilities">log P(next token | prefix) for every token, given the tokens chosen so far (empty at the first step).</param>
    /// <param name="endToken">The token that finishes an output.</param>
    /// <param name="beamWidth">B, the prefixes kept per step (1: greedy).</param>
    /// <param name="maxLength">The longest output; unfinished beams are ranked at this length.</param>
    /// <param name="alpha">α of the length normalization.</param>
    /// <returns>Every finished (or, at the length limit, unfinished) hypothesis, best first.</returns>
    public static IReadOnlyList<BeamHypothesis> Decode(Func<IReadOnlyList<int>, double[]> logProbabilities, int endToken, int beamWidth = 3,
        int maxLength = 50, double alpha = 0.7)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        if (beamWidth < 1) throw new ArgumentOutOfRangeException(nameof(beamWidth), $"The beam width must be at least 1 but is {beamWidth}.");
        if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), $"The maximum length must be at least 1 but is {maxLength}.");
        var beams = new List<(List<int> Tokens, double LogP)> { ([], 0) };
        var finished = new List<BeamHypothesis>();
        for (int step = 0; step < maxLength && beams.Count > 0; step++)
        {
            var candidates = new List<(List<int> Tokens, double LogP)>();
            foreach (var (tokens, logP) in beams)
            {
                var next = logProbabilities(tokens);
                for (int token = 0; token < next.Length; token++)
                    if (!double.IsNegativeInfinity(next[token])) candidates.Add(([.. tokens, token], logP + next[token]));
            }
            beams = [];
            foreach (var candidate in candidates.OrderByDescending(c => c.LogP).Take(beamWidth))
            {
                if (candidate.Tokens[^1] == endToken) finished.Add(Hypothesis(candidate.Tokens, candidate.LogP, alpha));
                else beams.Add(candidate);
            }
        }
        finished.AddRange(beams.Select(b => Hypothesis(b.Tokens, b.LogP, alpha)));
        return [.. finished.OrderByDescending(h => h.Score)];
    }

    private static BeamHypothesis Hypothesis(List<int> tokens, double logP, double alpha) =>
        new(tokens, logP, logP / Math.Pow(tokens.Count, alpha));
}
