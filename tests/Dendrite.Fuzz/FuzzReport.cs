namespace Dendrite.Fuzz;

/// <summary>What a run did: inputs read, how they ended (read, or which documented error), and the failures.</summary>
/// <param name="Target">The format.</param>
/// <param name="Inputs">Inputs read (a hang stops the run at the hanging input).</param>
/// <param name="Outcomes">Outcome → count: "read", or the documented error's type name.</param>
/// <param name="Failures">Inputs that broke the contract.</param>
/// <param name="MaxAllocated">The most bytes one read allocated.</param>
public sealed record FuzzReport(string Target, int Inputs, IReadOnlyDictionary<string, int> Outcomes, IReadOnlyList<FuzzFailure> Failures, long MaxAllocated)
{
    /// <summary>One summary line.</summary>
    public override string ToString() =>
        $"{Target}: {Inputs} inputs, {Failures.Count} failures, outcomes {string.Join(", ", Outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"))}, most allocated by one read {MaxAllocated:N0} bytes";
}
