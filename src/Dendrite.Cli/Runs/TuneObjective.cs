using System.Text.Json.Nodes;
using Dendrite.Cli.Specs;
using Dendrite.Training;

namespace Dendrite.Cli.Runs;

/// <summary>What <c>dendrite tune</c> optimizes: the base spec with a trial's values written in, trained, scored on dev.</summary>
internal sealed class TuneObjective
{
    private readonly RunSpec _baseSpec;
    private readonly JsonNode _baseNode;
    private readonly string _metric;

    /// <summary>Reads the base spec; it must have a dev split.</summary>
    public TuneObjective(RunSpec baseSpec)
    {
        _baseSpec = baseSpec;
        Setup = RunFactory.Build(baseSpec);
        if (Setup.Dev is null) throw new CliException("tune compares trials on the dev set: give the spec a dev split (data.dev).");
        _metric = Setup.Monitor.StartsWith("dev_", StringComparison.Ordinal) ? Setup.Monitor[4..] : Setup.Monitor;
        _baseNode = JsonNode.Parse(SpecWriter.ToJson(baseSpec))!; // element-backed values, as the binder reads from files
    }

    /// <summary>The base spec's run setup.</summary>
    public RunSetup Setup { get; }

    /// <summary>The optimizing metric, without its <c>dev_</c> prefix.</summary>
    public string Metric => _metric;

    /// <summary>Whether a larger metric is better (every metric but a loss).</summary>
    public bool Maximize => !_metric.Contains("loss", StringComparison.Ordinal);

    /// <summary>The base spec as JSON.</summary>
    public string BaseJson => _baseNode.ToJsonString();

    /// <summary>The spec a trial trains: the base with each sampled value written at its path, and the trial's seed.</summary>
    public RunSpec SpecFor(IEnumerable<KeyValuePair<string, object>> values, int seed)
    {
        var node = (JsonObject)_baseNode.DeepClone();
        foreach (var (name, value) in values) SearchParameters.Set(node, name, value);
        SearchParameters.Set(node, "seed", seed);
        return SpecBinder.Bind(node, "trial", _baseSpec.Name, null);
    }

    /// <summary>The spec of <paramref name="trial"/>.</summary>
    public RunSpec SpecFor(Trial trial) => SpecFor(trial.Names.Select(n => KeyValuePair.Create(n, trial.Values[n])), trial.Seed);

    /// <summary>The optimizing metric on dev, and which satisficing constraints (on dev values, train values and the model's costs) the trial misses.</summary>
    public TrialOutcome Run(Trial trial, IReadOnlyList<ICallback>? callbacks = null)
    {
        var setup = RunFactory.Build(SpecFor(trial));
        var result = TrainingRun.Execute(setup, null, TextWriter.Null, quiet: true, callbacks);
        var values = result.Splits.SelectMany(s => s.Values.Select(v => KeyValuePair.Create(s.Split switch
        {
            "dev" => "dev_" + v.Key,
            "train" or "model" => v.Key,
            _ => s.Split + "_" + v.Key,
        }, v.Value)));
        return new TrialOutcome(result.Get("dev", _metric), ModelCosts.Unsatisfied(setup, values));
    }
}
