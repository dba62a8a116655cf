namespace Dendrite.Cli.Report;

/// <summary>The attention of one translated example: α⟨t, t'⟩ for every output step t (rows) over the source steps t' (columns).</summary>
/// <param name="Source">The source symbols, one per column.</param>
/// <param name="Output">The predicted output symbols, one per row.</param>
/// <param name="Weights">α [T_y, T_x'], each row a distribution over the shown source steps.</param>
internal sealed record AttentionMap(IReadOnlyList<string> Source, IReadOnlyList<string> Output, double[,] Weights);
