using System.CommandLine;
using System.Globalization;
using Dendrite.Cli.Runs;
using Dendrite.Cli.Specs;
using Dendrite.Training;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite tune SPEC --trials N</c>: random search over spec fields, coarse to fine, trials in parallel; with
/// <c>--study NAME --storage URL</c>, one worker of a search shared through SQLite or PostgreSQL (<see cref="StudyTune"/>).
/// </summary>
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
        var parallel = new Option<int>("--parallel") { Description = "Trials at once (default: the number of cores; with --study, 1 per worker)", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Search seed", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out") { Description = "Where to write the best spec (default: NAME-best.json)" };
        var study = new StudyTune.Options();
        var command = new Command("tune", "Random hyperparameter search (log scales, coarse to fine, parallel trials); writes the best spec. " +
                                          "With --study, one worker of a search shared by many processes through SQLite or PostgreSQL")
            { spec, trials, rounds, parameters, parallel, seed, output };
        study.AddTo(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(trials) < 1) throw new CliException($"--trials: expected at least 1 but got {parse.GetValue(trials)}");
            if (parse.GetValue(rounds) < 1) throw new CliException($"--rounds: expected at least 1 but got {parse.GetValue(rounds)}");
            if (parse.GetValue(parallel) < 0) throw new CliException($"--parallel: expected 0 (one per core) or more but got {parse.GetValue(parallel)}");
            bool shared = study.Requested(parse);
            var baseSpec = SpecReader.Read(parse.GetValue(spec)!);
            var objective = new TuneObjective(baseSpec);
            var space = SearchParameters.Parse(parse.GetValue(parameters) ?? [], objective.Setup.Optimizer.LearningRate);
            int perRound = parse.GetValue(trials), roundCount = parse.GetValue(rounds);
            string path = parse.GetValue(output) ?? $"{baseSpec.Name}-best.json";
            if (shared)
                return StudyTune.Run(parse, study, objective, space, parse.GetValue(parameters) ?? [], parse.GetValue(seed), perRound, roundCount,
                    Math.Max(1, parse.GetValue(parallel)), path);

            var search = new RandomSearch(space, t => objective.Run(t), objective.Maximize, parse.GetValue(seed), parse.GetValue(parallel), "dev_" + objective.Metric);
            var results = search.Run(perRound, roundCount, keepBest: 3);
            Console.WriteLine(results.ToString(15));
            var best = objective.SpecFor(results.Best.Trial) with { Name = baseSpec.Name + "-best" };
            SpecWriter.WriteJson(best, path);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best dev_{objective.Metric} {results.Best.Score:G6}: {results.Best.Trial}"));
            if (!results.Best.Satisfies) Console.WriteLine($"no trial met every satisficing constraint; the best one fails {results.Best.Unsatisfied}");
            Console.WriteLine($"best spec: {Path.GetFullPath(path)}");
            return 0;
        });
        return command;
    }
}
