using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Training;
using Dendrite.Vision;

namespace Dendrite.Cli.Specs;

/// <summary>Turns a <see cref="RunSpec"/> into a ready <see cref="RunSetup"/>: data, model, loss, optimizer, schedule and metrics.</summary>
internal static class RunFactory
{
    /// <summary>Builds everything <paramref name="spec"/> describes.</summary>
    /// <exception cref="CliException">The spec's parts do not fit together (loss vs. targets, output size, missing data).</exception>
    public static RunSetup Build(RunSpec spec)
    {
        var dtype = spec.DType == "float64" ? DType.Float64 : DType.Float32;
        var data = SpecData.Load(spec.Data, dtype);
        var (trainX, trainY, dev, trainDev, test) = Split(spec.Data, data);
        var inputShape = Shape.Create(trainX.Shape.Dims[1..]);
        var (model, output) = SpecModel.Build(spec.Model, inputShape, trainX, dtype, data.ClassNames?.Count);
        if (spec.InitialParameters is string path) InitialParameters.Load(model, path);
        bool sequence = data.Y.DType == DType.Int32 && data.Y.Rank == 2;
        bool pixels = data.Y.DType == DType.Int32 && data.Y.Rank == 3;
        var head = data.Boxes ? DetectionSetup.Prepare(spec, data, model, trainY, inputShape, spec.Seed) : null;
        if (spec.Loss == "yolo" && head is null) throw DetectionSetup.YoloWithoutBoxes(spec);
        if (pixels && (output.Rank != 3 || output[1] != data.Y.Shape[1] || output[2] != data.Y.Shape[2]))
            throw new CliException($"{spec.Name}: model: one example's output has shape {output}; expected scores for every pixel of the " +
                                   $"{data.Y.Shape[1]}×{data.Y.Shape[2]} masks, [classes, {data.Y.Shape[1]}, {data.Y.Shape[2]}] (the unet zoo model, or a 1×1 conv2d last)");
        if (head is null && !pixels && (sequence ? output.Rank != 2 || output[0] != data.Y.Shape[1] : output.Rank != 1))
            throw new CliException($"{spec.Name}: model: one example's output has shape {output}; " + (sequence
                ? $"expected scores for each of the {data.Y.Shape[1]} steps, [{data.Y.Shape[1]}, classes] (a recurrent layer with return_sequences, then dense)"
                : "expected a vector of scores (end with flatten and dense)"));
        string loss = head is not null ? "yolo" : ResolveLoss(spec, data);
        if (head is null) CheckOutputs(spec, data, loss, pixels ? output[0] : output[output.Rank - 1]);
        if (head is null) CheckLabels(spec, data, loss);
        var outputKind = loss switch
        {
            "yolo" => OutputKind.Detection,
            "bce" => OutputKind.BinaryProbability,
            "bce_logits" => OutputKind.BinaryLogits,
            "cross_entropy" => pixels ? OutputKind.PixelLogits : sequence ? OutputKind.SequenceLogits : OutputKind.MulticlassLogits,
            _ => OutputKind.Regression,
        };
        var metricNames = spec.Metrics ?? (loss == "mse" ? ValueList<string>.Empty : new ValueList<string>([head is not null ? "map50" : pixels ? "mean_iou" : "accuracy"]));
        if (spec.Optimize is string optimize && optimize != "loss" && !metricNames.Contains(optimize)) metricNames = new ValueList<string>([.. metricNames, optimize]);
        if (pixels && metricNames.FirstOrDefault(m => m != "mean_iou") is string other)
            throw new CliException($"{spec.Name}: metrics: {other} scores one class per example but {spec.Data.Dataset} has a class per pixel; expected mean_iou");
        if (loss == "mse" && metricNames.Count > 0)
            throw new CliException($"{spec.Name}: metrics[0]: {metricNames[0]} needs class labels but the loss is mse (regression); expected no metrics");

        var optimizer = ((OptimizerKind)spec.Optimizer.Kind).Create(spec.Optimizer, model.Parameters());
        var train = SpecData.Augmented(spec.Data, new TensorDataset(trainX, trainY), inputShape, spec.Seed);
        int batchSize = Math.Min(spec.BatchSize ?? train.Count, Math.Max(1, train.Count));
        int batches = (train.Count + batchSize - 1) / batchSize;
        int epochs = spec.Epochs ?? (spec.Iterations is int iterations ? (iterations + batches - 1) / batches : 10);
        return new RunSetup
        {
            Spec = spec,
            Model = model,
            Optimizer = optimizer,
            Loss = head is not null ? new YoloLoss(head).Forward
                : sequence ? (logits, labels) => Dendrite.NN.Loss.SequenceCrossEntropy(logits, labels) : LossFunction(loss),
            CreateMetrics = () => [.. metricNames.Select(m => SpecMetrics.Create(m, outputKind, head))],
            Regularizer = spec.Regularization switch
            {
                { L2: double l2 } => new L2(l2),
                { L1: double l1 } => new L1(l1),
                _ => null,
            },
            Schedule = spec.Schedule is { Settings: var schedule } ? ((ScheduleKind)schedule.Kind).Build(schedule, optimizer.LearningRate) : null,
            SchedulePerStep = spec.Schedule?.Per == "step",
            Train = train,
            Dev = dev,
            TrainDev = trainDev,
            HumanError = spec.HumanError,
            Test = test,
            BatchSize = batchSize,
            Epochs = epochs,
            Seed = spec.Seed,
            DType = dtype,
            InputShape = inputShape,
            ClassNames = data.ClassNames,
            InputVocabulary = data.InputVocabulary,
            OutputKind = outputKind,
            DetectionHead = head,
            Monitor = spec.Monitor ?? (dev is null ? spec.Optimize ?? "loss" : "dev_" + (spec.Optimize ?? "loss")),
            LogEvery = spec.LogEvery ?? Math.Max(1, (epochs + 9) / 10),
        };
    }

    /// <summary>The loss function a spec names.</summary>
    public static Func<Tensor, Tensor, Tensor> LossFunction(string name) => name switch
    {
        "bce" => Loss.BinaryCrossEntropy,
        "bce_logits" => Loss.BinaryCrossEntropyWithLogits,
        "cross_entropy" => Loss.CrossEntropy,
        _ => Loss.MeanSquaredError,
    };

    /// <summary>Holds out dev, train-dev and test fractions (seeded by split_seed) and standardizes with the training statistics.</summary>
    private static (Tensor X, Tensor Y, TensorDataset? Dev, TensorDataset? TrainDev, TensorDataset? Test) Split(DataSpec spec, LoadedData data)
    {
        var parts = Dendrite.Data.Split.Indices(data.X.Shape[0], [1 - spec.Dev - spec.Test - spec.TrainDev, spec.Dev, spec.Test, spec.TrainDev], spec.SplitSeed);
        if (parts[0].Length == 0)
            throw new CliException($"data: no training examples are left after holding out dev {spec.Dev}, train_dev {spec.TrainDev} and test {spec.Test}");
        bool keepOrder = spec.Dev == 0 && spec.Test == 0 && spec.TrainDev == 0;
        var x = keepOrder ? data.X : data.X.SelectRows(parts[0]);
        var y = keepOrder ? data.Y : data.Y.SelectRows(parts[0]);
        (Tensor X, Tensor Y)? Part(double fraction, int index) => fraction > 0 ? (data.X.SelectRows(parts[index]), data.Y.SelectRows(parts[index])) : null;
        var dev = Part(spec.Dev, 1);
        var trainDev = Part(spec.TrainDev, 3);
        var test = Part(spec.Test, 2) ?? (data.TestX is null ? null : (data.TestX, data.TestY!));
        if (spec.Shift is { } shift)
        {
            var transform = ((AugmentationKind)shift.Kind).Build(shift, Shape.Create(data.X.Shape.Dims[1..]));
            var random = new Random(spec.SplitSeed + 1);
            (Tensor, Tensor)? Shifted((Tensor X, Tensor Y)? part) => part is var (px, py) ? (transform.Apply(px, random), py) : null;
            (dev, test) = (Shifted(dev), Shifted(test));
            if (spec.Synthesize > 0)
            {
                (x, y) = Synthesized(x, y, transform, spec.Synthesize, random);
                if (trainDev is var (tx, ty)) trainDev = Synthesized(tx, ty, transform, spec.Synthesize, random);
            }
        }
        if (spec.Standardize)
        {
            if (x.Rank != 2) throw new CliException($"data.standardize: expected inputs [m, features] but they are {x.Shape}");
            var standardizer = Standardizer.Fit(x);
            x = standardizer.Transform(x);
            (Tensor, Tensor)? Scale((Tensor X, Tensor Y)? part) => part is var (px, py) ? (standardizer.Transform(px), py) : null;
            (dev, trainDev, test) = (Scale(dev), Scale(trainDev), Scale(test));
        }
        static TensorDataset? Set((Tensor X, Tensor Y)? part) => part is var (px, py) ? new TensorDataset(px, py) : null;
        return (x, y, Set(dev), Set(trainDev), Set(test));
    }

    /// <summary>The examples with a seeded <paramref name="fraction"/> of them transformed (they move to the end; loaders shuffle).</summary>
    private static (Tensor X, Tensor Y) Synthesized(Tensor x, Tensor y, ITransform transform, double fraction, Random random)
    {
        var chosen = Enumerable.Range(0, x.Shape[0]).Select(i => (i, random.NextDouble() < fraction)).ToArray();
        int[] keep = [.. chosen.Where(c => !c.Item2).Select(c => c.i)], change = [.. chosen.Where(c => c.Item2).Select(c => c.i)];
        if (change.Length == 0) return (x, y);
        var changed = transform.Apply(x.SelectRows(change), random);
        return keep.Length == 0 ? (changed, y.SelectRows(change))
            : (Tensor.Concat([x.SelectRows(keep), changed], axis: 0), Tensor.Concat([y.SelectRows(keep), y.SelectRows(change)], axis: 0));
    }

    private static string ResolveLoss(RunSpec spec, LoadedData data)
    {
        bool labels = data.Y.DType == DType.Int32;
        string last = spec.Model.LastLayer;
        string loss = spec.Loss ?? (labels ? "cross_entropy" : data.Regression ? "mse" : last == "sigmoid" ? "bce" : "bce_logits");
        string targets = labels ? "class labels" : data.Regression ? "real-valued targets" : "binary 0/1 targets";
        string lastPath = spec.Model.Zoo is null ? $"{spec.Name}: model.layers[{spec.Model.Layers.Count - 1}].type" : $"{spec.Name}: model.zoo";
        if (loss == "cross_entropy" && !labels)
            throw new CliException($"{spec.Name}: loss: cross_entropy needs class labels but {spec.Data.Dataset} has {targets} {data.Y.Shape}; expected bce, bce_logits or mse");
        if (loss is "bce" or "bce_logits" or "mse" && labels)
            throw new CliException($"{spec.Name}: loss: {loss} needs float targets but {spec.Data.Dataset} has class labels; expected cross_entropy");
        if (loss == "cross_entropy" && last == "softmax")
            throw new CliException($"{lastPath}: softmax before cross_entropy, which applies softmax itself; expected the last layer to output logits (remove the softmax)");
        if (loss == "bce" && last != "sigmoid")
            throw new CliException($"{lastPath}: bce expects probabilities but the last layer is {last}; expected sigmoid (or use loss bce_logits)");
        if (loss == "bce_logits" && last == "sigmoid")
            throw new CliException($"{lastPath}: bce_logits applies the sigmoid itself; expected the last layer to output logits (remove the sigmoid, or use loss bce)");
        return loss;
    }

    /// <summary>
    /// Every target (the data set's own test set included) must be a class: no negative label for cross_entropy, and
    /// only 0 or 1 for bce and bce_logits, whose loss is meaningless (even negative) on anything else.
    /// </summary>
    private static void CheckLabels(RunSpec spec, LoadedData data, string loss)
    {
        foreach (var (y, split) in new[] { (data.Y, "its examples"), (data.TestY, "its test set") })
        {
            if (y is null || y.Count == 0) continue;
            if (loss == "cross_entropy" && y.ToArray<int>().Min() is int low && low < 0)
                throw new CliException($"{spec.Name}: data: {spec.Data.Dataset} has the class label {low} in {split}; expected labels 0, 1, … (class indices)");
            if (loss is "bce" or "bce_logits" && y.ToArray<double>().FirstOrDefault(v => v is not (0 or 1), 0) is var bad && bad != 0)
                throw new CliException($"{spec.Name}: loss: {loss} needs binary targets 0 or 1 but {spec.Data.Dataset} has the target " +
                                       $"{bad.ToString(System.Globalization.CultureInfo.InvariantCulture)} in {split}; expected a binary data set, or mse for real values");
        }
    }

    private static void CheckOutputs(RunSpec spec, LoadedData data, string loss, int outputs)
    {
        int lastDense = -1;
        for (int i = 0; i < spec.Model.Layers.Count; i++)
            if (spec.Model.Layers[i].Type == "dense") lastDense = i;
        string path = spec.Model.Zoo is not null ? $"{spec.Name}: model.classes"
            : lastDense < 0 ? $"{spec.Name}: model.layers" : $"{spec.Name}: model.layers[{lastDense}].units";
        int expected = loss switch
        {
            "cross_entropy" => Math.Max(2, data.Y.Count == 0 ? 0 : (int)data.Y.ToArray<int>().Max() + 1),
            _ => data.Y.Rank == 2 ? data.Y.Shape[1] : 1,
        };
        if (loss == "cross_entropy" ? outputs < expected : outputs != expected)
            throw new CliException($"{path}: the model outputs {outputs} values per example but {spec.Data.Dataset} with {loss} " +
                                   $"needs {(loss == "cross_entropy" ? "at least " : "")}{expected}; " +
                                   (spec.Model.Zoo is null ? $"expected the last dense layer to have {expected} units" : $"expected classes: {expected}"));
    }
}
