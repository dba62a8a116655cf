using System.Text.Json;
using Dendrite.Cli.Specs;
using Dendrite.Data;
using Dendrite.Training;

namespace Dendrite.Cli.Runs;

/// <summary>
/// A classification run's <see cref="Diagnosis"/>: its error (1 − accuracy) on the train, train-dev, dev and test
/// splits it has, measured with the trained model, and the human-level error given; written as diagnosis.json.
/// </summary>
internal static class RunDiagnosis
{
    /// <summary>The diagnosis, or null with the reason when the run cannot have one (regression, no dev or train-dev split).</summary>
    public static (Diagnosis? Diagnosis, string Reason) Compute(RunSetup setup, double? humanError)
    {
        if (setup.OutputKind == OutputKind.Regression) return (null, "a diagnosis compares error rates, and this run is a regression");
        if (setup.Dev is null && setup.TrainDev is null && setup.Test is null)
            return (null, "the run has no held-out data: set data.dev (and data.train_dev to tell variance from data mismatch)");
        double? Error(IDataset? split) => split is null ? null : Measure(setup, split);
        return (Assemble(Measure(setup, setup.Train), Error(setup.TrainDev), Error(setup.Dev), Error(setup.Test), humanError), "");
    }

    /// <summary>
    /// The diagnosis from a finished run's per-split values when they hold accuracy (no second pass over the data), else
    /// by evaluating the trained model.
    /// </summary>
    public static (Diagnosis? Diagnosis, string Reason) FromSplits(RunSetup setup, IReadOnlyList<(string Split, IReadOnlyList<KeyValuePair<string, double>> Values)> splits, double? humanError)
    {
        double? Error(string split) => splits.Where(s => s.Split == split).SelectMany(s => s.Values).Where(v => v.Key == "accuracy")
            .Select(v => (double?)(1 - v.Value)).FirstOrDefault();
        if (!setup.OutputKind.Classifies() || Error("train") is not double train) return Compute(setup, humanError);
        double? trainDev = Error("train_dev"), dev = Error("dev"), test = Error("test");
        if (dev is null && trainDev is null && test is null) return Compute(setup, humanError);
        return (Assemble(train, trainDev, dev, test, humanError), "");
    }

    /// <summary>The diagnosis of these errors; without a dev set the test set plays its part (and there is nothing to overfit to).</summary>
    private static Diagnosis Assemble(double train, double? trainDev, double? dev, double? test, double? humanError) =>
        new(train, dev ?? test ?? trainDev!.Value, humanError, trainDev, dev is null ? null : test);

    /// <summary>A trained run's error (1 − accuracy, or 1 − mAP@0.5 for a detector) on <paramref name="data"/>, or its loss for regressions and sequence models.</summary>
    public static double Measure(RunSetup setup, IDataset data)
    {
        string? score = setup.OutputKind.Classifies() ? "accuracy" : setup.OutputKind switch
        {
            OutputKind.Detection => "map50",
            OutputKind.PixelLogits => "mean_iou",
            _ => null,
        };
        var metrics = score is null ? Array.Empty<Metric>() : [SpecMetrics.Create(score, setup.OutputKind, setup.DetectionHead)];
        var values = new Trainer(setup.Model, setup.Optimizer, setup.Loss, metrics).Evaluate(setup.CreateEvalLoader(data));
        return score is null ? values.Single(v => v.Key == "loss").Value : 1 - values.Single(v => v.Key == score).Value;
    }

    /// <summary>Writes diagnosis.json: the errors, gaps, largest gap and remedies.</summary>
    public static void Write(string path, Diagnosis d) => AtomicFile.Write(path, stream =>
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        WriteTo(json, d);
    });

    /// <summary>The diagnosis as one JSON object.</summary>
    public static string ToJson(Diagnosis d)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true })) WriteTo(json, d);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteTo(Utf8JsonWriter json, Diagnosis d)
    {
        void Number(string name, double? value)
        {
            if (value is double v) json.WriteNumber(name, v);
            else json.WriteNull(name);
        }
        json.WriteStartObject();
        json.WriteStartObject("errors");
        Number("human", d.HumanError);
        Number("train", d.TrainError);
        Number("train_dev", d.TrainDevError);
        Number("dev", d.DevError);
        Number("test", d.TestError);
        json.WriteEndObject();
        json.WriteStartObject("gaps");
        Number("avoidable_bias", d.AvoidableBias);
        Number("variance", d.Variance);
        Number("data_mismatch", d.DataMismatch);
        Number("overfitting_to_dev", d.OverfittingToDev);
        json.WriteEndObject();
        json.WriteString("largest", Diagnosis.Describe(d.Largest));
        json.WriteStartArray("remedies");
        foreach (var remedy in Diagnosis.Remedies(d.Largest)) json.WriteStringValue(remedy);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
