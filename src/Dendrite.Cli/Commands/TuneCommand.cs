using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Dendrite.Cli.Runs;
using Dendrite.Cli.Specs;
using Dendrite.Training;

namespace Dendrite.Cli.Commands;

/// <summary><c>dendrite tune SPEC --trials N</c>: random search over spec fields, coarse to fine, trials in parallel.</summary>
internal static class TuneCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Spec file or built-in spec name (needs a dev split)" };
        var trials = new Option<int>("--trials") { Description = "Trials per round", DefaultValueFactory = _ => 10 };
        var rounds = new Option<int>("--rounds") { Description = "Coarse-to-fine rounds", DefaultValueFactory = _ => 2 };
        var parameters = new Option<string[]>("--param")
        {
            Description = "PATH=DIST, repeatable; DIST is log:LO:HI, uniform:LO:HI, beta:LO:HI (1 − 10^r), int:LO:HI or choice:A|B|C. " +
                          "Default: optimizer.learning_rate=log:α/10:α·10",
            AllowMultipleArgumentsPerToken = false,
        };
        var parallel = new Option<int>("--parallel") { Description = "Trials at once (default: the number of cores)", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Search seed", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out") { Description = "Where to write the best spec (default: NAME-best.json)" };
        var command = new Command("tune", "Random hyperparameter search (log scales, coarse to fine, parallel trials); writes the best spec")
            { spec, trials, rounds, parameters, parallel, seed, output };
        command.SetAction(parse =>
        {
            var baseSpec = SpecReader.Read(parse.GetValue(spec)!);
            var baseSetup = RunFactory.Build(baseSpec);
            if (baseSetup.Dev is null) throw new CliException("tune compares trials on the dev set: give the spec a dev split (data.dev).");
            string metric = baseSetup.Monitor.StartsWith("dev_", StringComparison.Ordinal) ? baseSetup.Monitor[4..] : baseSetup.Monitor;
            bool maximize = !metric.Contains("loss", StringComparison.Ordinal);
            var space = SearchParameters.Parse(parse.GetValue(parameters) ?? [], baseSetup.Optimizer.LearningRate);
            var baseNode = JsonNode.Parse(SpecWriter.ToJson(baseSpec))!; // element-backed values, as the binder reads from files

            RunSpec SpecFor(Trial trial)
            {
                var node = (JsonObject)baseNode.DeepClone();
                foreach (var name in trial.Names) SearchParameters.Set(node, name, trial.Values[name]);
                SearchParameters.Set(node, "seed", trial.Seed);
                return SpecBinder.Bind(node, "trial", baseSpec.Name, null);
            }

            // The optimizing metric on dev, and which satisficing constraints (on dev values, train values and the model's costs) the trial misses.
            TrialOutcome Objective(Trial trial)
            {
                var setup = RunFactory.Build(SpecFor(trial));
                var result = TrainingRun.Execute(setup, null, TextWriter.Null, quiet: true);
                var values = result.Splits.SelectMany(s => s.Values.Select(v => KeyValuePair.Create(s.Split switch
                {
                    "dev" => "dev_" + v.Key,
                    "train" or "model" => v.Key,
                    _ => s.Split + "_" + v.Key,
                }, v.Value)));
                return new TrialOutcome(result.Get("dev", metric), ModelCosts.Unsatisfied(setup, values));
            }

            var search = new RandomSearch(space, Objective, maximize, parse.GetValue(seed), parse.GetValue(parallel), "dev_" + metric);
            var results = search.Run(Math.Max(1, parse.GetValue(trials)), Math.Max(1, parse.GetValue(rounds)), keepBest: 3);
            Console.WriteLine(results.ToString(15));
            var best = SpecFor(results.Best.Trial) with { Name = baseSpec.Name + "-best" };
            string path = parse.GetValue(output) ?? $"{baseSpec.Name}-best.json";
            SpecWriter.WriteJson(best, path);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best dev_{metric} {results.Best.Score:G6}: {results.Best.Trial}"));
            if (!results.Best.Satisfies) Console.WriteLine($"no trial met every satisficing constraint; the best one fails {results.Best.Unsatisfied}");
            Console.WriteLine($"best spec: {Path.GetFullPath(path)}");
            return 0;
        });
        return command;
    }
}
