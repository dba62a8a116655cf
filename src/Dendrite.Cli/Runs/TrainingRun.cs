using System.Globalization;
using Dendrite.Autograd;
using Dendrite.Cli.Report;
using Dendrite.Cli.Specs;
using Dendrite.Data;
using Dendrite.Models;
using Dendrite.Terminal;
using Dendrite.Training;

namespace Dendrite.Cli.Runs;

/// <summary>The outcome of one training run: its history and the final loss and metrics per split.</summary>
internal sealed record RunResult(History History, IReadOnlyList<(string Split, IReadOnlyList<KeyValuePair<string, double>> Values)> Splits)
{
    /// <summary>A final value such as ("dev", "accuracy"), or NaN.</summary>
    public double Get(string split, string name) =>
        Splits.Where(s => s.Split == split).SelectMany(s => s.Values).Where(v => v.Key == name).Select(v => v.Value).DefaultIfEmpty(double.NaN).First();
}

/// <summary>Trains a <see cref="RunSetup"/> and, given a folder, writes the run's files: spec, history, checkpoints, metrics.json and report.html.</summary>
/// <remarks>With <c>resume</c> the run continues from the folder's <c>last.safetensors</c> (<see cref="Trainer.Resume"/>)
/// and ends with the same files as a run that never stopped, except the wall-clock values (<c>seconds</c>, <c>latency_ms</c>).</remarks>
internal static class TrainingRun
{
    /// <summary>Trains <paramref name="setup"/>; <paramref name="extra"/> callbacks (e.g. a study's per-epoch reporter) run after the built-in ones.</summary>
    public static RunResult Execute(RunSetup setup, string? folder, TextWriter output, bool quiet, IReadOnlyList<ICallback>? extra = null, bool resume = false)
    {
        var metrics = setup.CreateMetrics();
        var trainer = new Trainer(setup.Model, setup.Optimizer, setup.Loss, metrics, setup.Regularizer);
        var costs = ModelCosts.Measure(setup);
        var metricNames = metrics.Select(m => m.Name).Prepend("loss").ToList();
        ModelCosts.CheckNames(setup, metricNames.Concat(metricNames.Select(n => "dev_" + n)).Append("lr"));
        Func<EpochLog, bool>? eligible = setup.Spec.Satisfy is null ? null : log => ModelCosts.Unsatisfied(setup, log.Values.Concat(costs)) is null;
        var callbacks = new List<ICallback>();
        if (setup.Schedule is not null) callbacks.Add(new LearningRateScheduler(setup.Schedule, setup.SchedulePerStep));
        if (!quiet) callbacks.Add(setup.LogEvery > 1 ? new CostPrinter(output, setup.LogEvery) : new ProgressBar(output == Console.Out ? null : output));
        if (resume) trainer.Resume(RunResumption.LastPath(folder!));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            foreach (var name in (string[])["spec.json", "metrics.json", "diagnosis.json", "report.html"])
                AtomicFile.DeleteLeftovers(Path.Combine(folder, name)); // left by a run killed mid-write
            if (!resume) // a new run in an old folder: its final files would make `resume` think the new run had finished
                foreach (var name in (string[])["metrics.json", "diagnosis.json", "report.html"]) File.Delete(Path.Combine(folder, name));
            SpecWriter.WriteJson(setup.Spec, Path.Combine(folder, "spec.json"));
            int every = Math.Max(1, setup.LogEvery);
            callbacks.Add(new HistoryWriter(folder, every));
            callbacks.Add(new ModelCheckpoint(folder, setup.Monitor, every: every, eligible: eligible));
            if (setup.Spec.Tensorboard is { } logs) callbacks.Add(new TensorBoard(logs, histogramEvery: every));
        }
        var dev = setup.Dev is null ? null : setup.CreateEvalLoader(setup.Dev);
        if (setup.Spec.EarlyStoppingPatience is int patience)
            callbacks.Add(new EarlyStopping(dev is null ? "loss" : setup.Monitor, patience, eligible: eligible));
        if (extra is not null) callbacks.AddRange(extra);
        try
        {
            trainer.Fit(setup.CreateTrainLoader(), dev, setup.Epochs, [.. callbacks]);
        }
        catch (TrainingDivergedException e) when (folder is not null)
        {
            string last = Path.Combine(folder, "last.safetensors");
            throw new TrainingDivergedException(e.Message + (File.Exists(last)
                ? $" The checkpoints of the epochs before it are kept ({last}, and best.safetensors)."
                : " No checkpoint was written."), e.Epoch);
        }

        var splits = new List<(string, IReadOnlyList<KeyValuePair<string, double>>)> { ("train", trainer.Evaluate(setup.CreateEvalLoader(setup.Train))) };
        if (setup.TrainDev is not null) splits.Add(("train_dev", trainer.Evaluate(setup.CreateEvalLoader(setup.TrainDev))));
        if (setup.Dev is not null) splits.Add(("dev", trainer.Evaluate(setup.CreateEvalLoader(setup.Dev))));
        if (setup.Test is not null) splits.Add(("test", trainer.Evaluate(setup.CreateEvalLoader(setup.Test))));
        splits.Add(("model", costs));
        var result = new RunResult(trainer.History, splits);
        if (folder is not null)
        {
            MetricsFile.Write(Path.Combine(folder, "metrics.json"), splits);
            var (diagnosis, _) = setup.Dev is null && setup.TrainDev is null ? (null, "") : RunDiagnosis.FromSplits(setup, splits, setup.HumanError);
            if (diagnosis is not null) RunDiagnosis.Write(Path.Combine(folder, "diagnosis.json"), diagnosis);
            HtmlReport.Write(Path.Combine(folder, "report.html"), new ReportData(
                setup.Spec.Name, Settings(setup), trainer.History,
                [.. splits.SelectMany(s => s.Item2.Select(v => KeyValuePair.Create($"{s.Item1} {v.Key}", v.Value)))],
                Confusion(setup, trainer), setup.ClassNames, Attention(setup), diagnosis, DecisionBoundary.Render(setup), MisclassifiedGrid.Of(setup), setup.HumanError,
                DetectionGrid.Of(setup), SegmentationGrid.Of(setup)));
        }
        return result;
    }

    /// <summary>The confusion matrix on the last available split (test, else dev, else train) for classification runs.</summary>
    private static ConfusionMatrix? Confusion(RunSetup setup, Trainer trainer)
    {
        if (!setup.OutputKind.Classifies()) return null;
        var data = setup.Test ?? setup.Dev ?? setup.Train;
        var matrix = new ConfusionMatrix(setup.OutputKind == OutputKind.MulticlassLogits ? setup.ClassNames?.Count ?? 0 : 2,
                                         fromLogits: setup.OutputKind == OutputKind.BinaryLogits, classNames: setup.ClassNames);
        bool training = setup.Model.IsTraining;
        setup.Model.Eval();
        using (GradMode.NoGrad())
            foreach (var (x, y) in setup.CreateEvalLoader(data).Batches()) matrix.Update(setup.Model.Forward(x), y);
        setup.Model.Train(training);
        return matrix;
    }

    /// <summary>For a translation model, the attention map of the first example of the last available split.</summary>
    private static AttentionMap? Attention(RunSetup setup)
    {
        if (setup.Model is not AttentionTranslator translator) return null;
        var data = setup.Test ?? setup.Dev ?? setup.Train;
        var (x, _) = setup.CreateEvalLoader(data).Batches().First();
        var source = x.Narrow(0, 0, 1).Contiguous();
        bool training = translator.IsTraining;
        translator.Eval();
        Tensor logits, attention;
        using (GradMode.NoGrad()) (logits, attention) = translator.Translate(source);
        translator.Train(training);
        string Name(IReadOnlyList<string>? names, int i) => names is not null && i < names.Count ? names[i] : i.ToString(CultureInfo.InvariantCulture);
        var symbols = source.ToArray<int>().Select(i => Name(setup.InputVocabulary, i)).ToList();
        int shown = symbols.FindLastIndex(s => s != "<pad>") + 1;
        var predicted = logits.ArgMax(-1).ToArray<int>().Select(i => Name(setup.ClassNames, i)).ToList();
        var a = attention.To(DType.Float64).Contiguous().ToArray<double>();
        int tx = symbols.Count;
        var weights = new double[predicted.Count, Math.Max(1, shown)];
        for (int t = 0; t < predicted.Count; t++)
            for (int j = 0; j < weights.GetLength(1); j++) weights[t, j] = a[t * tx + j];
        return new AttentionMap(symbols.Take(weights.GetLength(1)).ToList(), predicted, weights);
    }

    private static List<KeyValuePair<string, string>> Settings(RunSetup setup)
    {
        string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        return
        [
            new("model", setup.Model.ToString().Replace('\n', ' ')),
            new("parameters", setup.Model.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)),
            new("loss", setup.Spec.Loss ?? "(default)"),
            new("optimizer", setup.Optimizer.GetType().Name + " α=" + F(setup.Optimizer.LearningRate)),
            new("batch size", setup.BatchSize.ToString(CultureInfo.InvariantCulture)),
            new("epochs", setup.Epochs.ToString(CultureInfo.InvariantCulture)),
            new("train / dev / test", $"{setup.Train.Count} / {setup.Dev?.Count ?? 0} / {setup.Test?.Count ?? 0}"),
            new("dtype", setup.DType.ToString()),
            new("seed", setup.Seed.ToString(CultureInfo.InvariantCulture)),
        ];
    }
}
