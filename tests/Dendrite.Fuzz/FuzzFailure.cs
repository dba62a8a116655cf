namespace Dendrite.Fuzz;

/// <summary>An input that broke a reader's contract: an undocumented exception, an error not naming the file, too much allocation, or a hang.</summary>
/// <param name="Target">The format, e.g. <c>npy</c>.</param>
/// <param name="Index">The input's number in its run (with the run's seed, it replays the input).</param>
/// <param name="Mutation">The mutations that made it, e.g. <c>word+truncate</c>.</param>
/// <param name="Input">The input's bytes, to keep as a regression file.</param>
/// <param name="Problem">What went wrong, one line.</param>
public sealed record FuzzFailure(string Target, int Index, string Mutation, byte[] Input, string Problem)
{
    /// <summary>One line for reports.</summary>
    public override string ToString() => $"{Target} input {Index} ({Mutation}, {Input.Length} bytes): {Problem}";
}
