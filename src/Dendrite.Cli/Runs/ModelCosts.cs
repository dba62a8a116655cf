using System.Diagnostics;
using Dendrite.Autograd;
using Dendrite.Cli.Specs;
using Dendrite.Training;

namespace Dendrite.Cli.Runs;

/// <summary>
/// The model's costs that satisficing constraints can name: <c>latency_ms</c>, the median time of a batch-1 prediction
/// (eval mode, no graph; 3 warm-up calls then 15 timed), and <c>size_mb</c>, the parameters' bytes / 10⁶.
/// </summary>
internal static class ModelCosts
{
    /// <summary>The names a constraint may use besides the logged values.</summary>
    public static IReadOnlyList<string> Names { get; } = ["latency_ms", "size_mb"];

    public static IReadOnlyList<KeyValuePair<string, double>> Measure(RunSetup setup)
    {
        var model = setup.Model;
        double size = model.Parameters().Sum(p => (double)p.Count * p.DType.ElementSize()) / 1e6;
        var example = setup.Train.Get([0]).Inputs;
        bool training = model.IsTraining;
        model.Eval();
        var times = new double[15];
        using (GradMode.NoGrad())
        {
            for (int i = 0; i < 3; i++) model.Forward(example);
            for (int i = 0; i < times.Length; i++)
            {
                long start = Stopwatch.GetTimestamp();
                model.Forward(example);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }
        model.Train(training);
        Array.Sort(times);
        return [new("latency_ms", times[times.Length / 2]), new("size_mb", size)];
    }

    /// <summary>The constraints of <paramref name="setup"/>'s spec that <paramref name="values"/> (logged values and costs) miss, as text; null when all are met.</summary>
    public static string? Unsatisfied(RunSetup setup, IEnumerable<KeyValuePair<string, double>> values)
    {
        if (setup.Spec.Satisfy is not { Count: > 0 } constraints) return null;
        var scores = new Dictionary<string, double>();
        foreach (var (name, value) in values) scores[name] = value;
        var failed = constraints.Where(c => !c.IsMetBy(scores.TryGetValue(c.Metric, out double v) ? v : double.NaN)).Select(c => c.ToString()).ToList();
        return failed.Count == 0 ? null : string.Join("; ", failed);
    }

    /// <summary>An error naming a constraint whose value no epoch log or cost provides.</summary>
    public static void CheckNames(RunSetup setup, IEnumerable<string> logged)
    {
        if (setup.Spec.Satisfy is not { } constraints) return;
        var known = Names.Concat(logged).ToHashSet();
        foreach (var c in constraints)
            if (!known.Contains(c.Metric))
                throw new CliException($"{setup.Spec.Name}: satisfy: {c.Metric} is not measured; expected one of {string.Join(", ", known.Order())} (add the metric to metrics)");
    }
}
