using System.Diagnostics;
using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;

namespace Dendrite.Training;

/// <summary>
/// Trains a model with mini-batch gradient descent: for each epoch and each batch, forward propagation, cost
/// (plus the regularization penalty), backward propagation and an optimizer step; then evaluation on the dev set.
/// </summary>
/// <example><code>
/// var trainer = new Trainer(model, new Adam(model.Parameters(), 1e-3), Loss.CrossEntropy, [new Accuracy()]);
/// trainer.Fit(new DataLoader(train, 128), new DataLoader(dev, 1000, shuffle: false), epochs: 10, new EpochPrinter());
/// </code></example>
public sealed class Trainer
{
    private readonly TensorArena _arena = new();
    private readonly Metric[] _metrics;
    private CallbackState? _resumed;

    /// <summary>Creates a trainer.</summary>
    /// <param name="model">The network.</param>
    /// <param name="optimizer">The update rule over the model's parameters.</param>
    /// <param name="loss">Cost J(predictions, targets), averaged over the batch.</param>
    /// <param name="metrics">Metrics computed on the training batches and the dev set each epoch.</param>
    /// <param name="regularizer">Optional L2/L1 penalty, with m = the training set size.</param>
    public Trainer(Module model, Optimizer optimizer, Func<Tensor, Tensor, Tensor> loss, IEnumerable<Metric>? metrics = null, Regularizer? regularizer = null)
    {
        Model = model;
        Optimizer = optimizer;
        Loss = loss;
        _metrics = [.. metrics ?? []];
        Regularizer = regularizer;
    }

    /// <summary>The network.</summary>
    public Module Model { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The cost function.</summary>
    public Func<Tensor, Tensor, Tensor> Loss { get; }

    /// <summary>The metrics reported each epoch.</summary>
    public IReadOnlyList<Metric> Metrics => _metrics;

    /// <summary>The weight penalty, if any.</summary>
    public Regularizer? Regularizer { get; }

    /// <summary>The logs of the epochs run so far.</summary>
    public History History { get; } = new();

    /// <summary>The next epoch to run (0 for a new run; restored from a training checkpoint on resume).</summary>
    public int Epoch { get; set; }

    /// <summary>Runs epochs <see cref="Epoch"/> … <paramref name="epochs"/> − 1 and returns the history.</summary>
    public History Fit(DataLoader train, DataLoader? dev = null, int epochs = 1, params ICallback[] callbacks)
    {
        var context = new TrainingContext(this, epochs, train.BatchCount, train.Dataset.Count) { Callbacks = callbacks };
        History.Truncate(Epoch);
        foreach (var c in callbacks) c.OnTrainBegin(context);
        if (_resumed is { } resumed)
            foreach (var c in callbacks.OfType<IResumableCallback>()) c.LoadState(context, resumed);
        _resumed = null;
        for (; Epoch < epochs && !context.StopTraining; Epoch++)
        {
            context.Epoch = Epoch;
            foreach (var c in callbacks) c.OnEpochBegin(context);
            var watch = Stopwatch.StartNew();
            var values = TrainEpoch(train, context, callbacks);
            RequireFiniteParameters();
            if (dev is not null)
                foreach (var (name, value) in Evaluate(dev)) values.Add(new("dev_" + name, value));
            values.Add(new("lr", Optimizer.LearningRate));
            values.Add(new("seconds", watch.Elapsed.TotalSeconds));
            var log = new EpochLog(Epoch, values);
            History.Add(log);
            foreach (var c in callbacks) c.OnEpochEnd(context, log);
        }
        foreach (var c in callbacks) c.OnTrainEnd(context);
        return History;
    }

    private List<KeyValuePair<string, double>> TrainEpoch(DataLoader train, TrainingContext context, ICallback[] callbacks)
    {
        Model.Train();
        foreach (var m in _metrics) m.Reset();
        double lossSum = 0;
        int seen = 0, batch = 0;
        using (_arena.Enter())
        {
            foreach (var (x, y) in train.Batches(Epoch)) // the batch, activations and gradients come from the arena
            {
                double value = Step(x, y, context.Examples, updateMetrics: true);
                if (!double.IsFinite(value))
                    throw new TrainingDivergedException($"Training diverged: the loss became {NonFinite.Name(value)} at epoch {Epoch + 1}, batch {batch + 1} " +
                                                        $"(step {Optimizer.StepCount}): lower the learning rate or check the data.", Epoch);
                lossSum += value * x.Shape[0];
                seen += x.Shape[0];
                using (TensorArena.Suspend())
                    foreach (var c in callbacks) c.OnBatchEnd(context, batch, value);
                batch++;
                _arena.Recycle();
            }
        }
        var values = new List<KeyValuePair<string, double>> { new("loss", seen == 0 ? double.NaN : lossSum / seen) };
        foreach (var m in _metrics) values.Add(new(m.Name, m.Result()));
        return values;
    }

    /// <summary>
    /// Throws <see cref="TrainingDivergedException"/> naming the first parameter element that is NaN or ±∞: run once per
    /// epoch, before the dev evaluation and the callbacks, so a checkpoint never holds a diverged model even when the last
    /// batch's loss (computed before its update) was still finite.
    /// </summary>
    private void RequireFiniteParameters()
    {
        foreach (var (name, parameter) in Model.NamedParameters())
            if (NonFinite.First(parameter) is var (index, value))
                throw new TrainingDivergedException($"Training diverged: parameter '{name}'[{string.Join(", ", index)}] became {NonFinite.Name(value)} " +
                                                    $"at epoch {Epoch + 1} (step {Optimizer.StepCount}): lower the learning rate or check the data.", Epoch);
    }

    /// <summary>
    /// One optimization step on a batch: zero the gradients, forward, loss (plus the regularizer's penalty, scaled by
    /// the batch size m), backward, optimizer update. Returns the batch's mean loss without the penalty.
    /// </summary>
    /// <remarks>The model is left in whatever train/eval mode it is in; <see cref="Fit"/> sets training mode. Temporaries
    /// come from the trainer's <see cref="TensorArena"/>, so after the first steps a step allocates no tensor memory.</remarks>
    public double TrainStep(Tensor inputs, Tensor targets)
    {
        using (_arena.Enter()) return Step(inputs, targets, inputs.Shape[0], updateMetrics: false);
    }

    private double Step(Tensor x, Tensor y, int examples, bool updateMetrics)
    {
        Optimizer.ZeroGrad();
        var predictions = Model.Forward(x);
        var cost = Loss(predictions, y);
        var total = Regularizer is null ? cost : cost + Regularizer.Penalty(Model, examples);
        total.Backward();
        Optimizer.Step();
        if (updateMetrics)
            foreach (var m in _metrics) m.Update(predictions.Detach(), y);
        return cost.Item();
    }

    /// <summary>The training checkpoint's metadata key holding the serialized <see cref="History"/>.</summary>
    internal const string HistoryKey = "history";

    /// <summary>The training checkpoint's metadata key holding the optimizer's learning rate.</summary>
    internal const string LearningRateKey = "learning_rate";

    /// <summary>
    /// Restores a run from a training checkpoint written by <see cref="ModelCheckpoint"/>: parameters and buffers
    /// (dropout draws and batch-norm statistics included), optimizer state, learning rate, epoch, history and the state of
    /// every <see cref="IResumableCallback"/> (handed back at the next <see cref="Fit"/>). That <see cref="Fit"/> continues
    /// where the run stopped, with the same shuffling, and ends bit for bit as a run that never stopped.
    /// </summary>
    /// <remarks>The metadata is validated and the tensors matched before anything is changed: on an error the model and
    /// the optimizer are as they were.</remarks>
    /// <exception cref="InvalidDataException">The file is not a valid training checkpoint (the message names the file and the key).</exception>
    /// <exception cref="ArgumentException">The tensors do not fit the model or the optimizer.</exception>
    public void Resume(string checkpointPath)
    {
        var state = Serialization.TrainingCheckpoint.Read(checkpointPath);
        var point = ResumePoint.Of(checkpointPath, state);
        var previous = Optimizer.StateTensors().ToDictionary(s => s.Name, s => s.Value);
        long previousSteps = Optimizer.StepCount;
        Optimizer.LoadState(point.StepCount, state.Optimizer);
        try
        {
            Serialization.StateDictExtensions.Load(Model, state.Model, strict: true, checkpointPath);
        }
        catch
        {
            Optimizer.LoadState(previousSteps, previous);
            throw;
        }
        Epoch = point.Epoch;
        if (point.LearningRate is double lr) Optimizer.LearningRate = lr;
        History.Replace(point.History);
        History.Truncate(Epoch);
        _resumed = point.Callbacks;
    }

    /// <summary>The mean loss and every metric over <paramref name="data"/>, in evaluation mode without a graph, with <see cref="InferenceFusion"/> applied.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Evaluate(DataLoader data)
    {
        bool training = Model.IsTraining;
        Model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            using var fused = InferenceFusion.Apply(Model);
            foreach (var m in _metrics) m.Reset();
            double lossSum = 0;
            int seen = 0;
            using (_arena.Enter())
            {
                foreach (var (x, y) in data.Batches())
                {
                    var predictions = Model.Forward(x);
                    lossSum += Loss(predictions, y).Item() * x.Shape[0];
                    seen += x.Shape[0];
                    foreach (var m in _metrics) m.Update(predictions, y);
                    _arena.Recycle();
                }
            }
            var values = new List<KeyValuePair<string, double>> { new("loss", seen == 0 ? double.NaN : lossSum / seen) };
            foreach (var m in _metrics) values.Add(new(m.Name, m.Result()));
            return values;
        }
        finally
        {
            Model.Train(training);
        }
    }

    /// <summary>The model's outputs for <paramref name="inputs"/> [m, …], computed in evaluation mode in batches, with <see cref="InferenceFusion"/> applied.</summary>
    /// <remarks>Each batch's temporaries come from the trainer's arena; only the result is newly allocated.</remarks>
    public Tensor Predict(Tensor inputs, int batchSize = 1024)
    {
        bool training = Model.IsTraining;
        Model.Eval();
        try
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
            using var _ = GradMode.NoGrad();
            using var fused = InferenceFusion.Apply(Model);
            int m = inputs.Shape[0];
            Tensor? result = null;
            using (_arena.Enter())
            {
                for (int start = 0; start < m || (m == 0 && result is null); start += batchSize)
                {
                    var output = Model.Forward(inputs.Narrow(0, start, Math.Min(batchSize, m - start)));
                    if (result is null)
                    {
                        using var persistent = TensorArena.Suspend(); // the result outlives the arena
                        result = Tensor.Empty([m, .. output.Shape.Dims[1..]], output.DType);
                    }
                    output.CopyInto(result.Narrow(0, start, output.Shape[0]));
                    _arena.Recycle();
                }
            }
            return result!;
        }
        finally
        {
            Model.Train(training);
        }
    }
}
