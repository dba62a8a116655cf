namespace Dendrite.Text;

/// <summary>One finished or unfinished output of <see cref="BeamSearch"/>.</summary>
/// <param name="Tokens">The tokens chosen, without the start token (with the end token when it finished).</param>
/// <param name="LogProbability">Σ log P(y⟨t⟩ | x, y⟨1⟩ … y⟨t−1⟩).</param>
/// <param name="Score">The length-normalized objective (1 / T_y^α)·LogProbability the beams are ranked by.</param>
public sealed record BeamHypothesis(IReadOnlyList<int> Tokens, double LogProbability, double Score);
