using System.Text;

namespace Dendrite.Autograd;

/// <summary>The outcome of <see cref="GradCheck.Run"/>.</summary>
/// <param name="Difference">The difference over all of θ.</param>
/// <param name="Parameters">The difference per parameter tensor.</param>
/// <param name="DType">The dtype the check ran in.</param>
public sealed record GradCheckResult(double Difference, IReadOnlyList<ParameterDifference> Parameters, DType DType)
{
    /// <summary>True when the overall difference is below <see cref="GradCheck.Threshold"/>.</summary>
    public bool Passed => Difference < GradCheck.Threshold;

    /// <summary>A table of per-parameter differences and the verdict.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        int width = Math.Max(9, Parameters.Count == 0 ? 0 : Parameters.Max(p => p.Name.Length));
        sb.AppendLine($"{"parameter".PadRight(width)}  {"shape",-16} difference");
        foreach (var p in Parameters)
            sb.AppendLine($"{p.Name.PadRight(width)}  {p.Shape,-16} {p.Difference:E3}");
        sb.Append($"{"overall".PadRight(width)}  {"",-16} {Difference:E3}  {(Passed ? "PASS" : "FAIL")} (threshold {GradCheck.Threshold:E0}, {DType})");
        return sb.ToString();
    }
}
