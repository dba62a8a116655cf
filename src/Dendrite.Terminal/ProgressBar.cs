using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dendrite.Training;
using Spectre.Console;

namespace Dendrite.Terminal;

/// <summary>
/// Shows training progress. On an interactive terminal each epoch gets a live Spectre.Console bar (batch, smoothed
/// loss, throughput, time left) that is replaced by the epoch's summary line when it ends; when output is
/// redirected, only the summary lines are written (the core package's <see cref="EpochPrinter"/> format).
/// </summary>
/// <remarks>
/// This add-on package carries the console UI dependency (Spectre.Console) so that the core <c>Dendrite</c> package,
/// used by services that only train or infer, does not.
/// </remarks>
/// <param name="output">Where plain lines go when not interactive (default: standard output).</param>
public sealed class ProgressBar(TextWriter? output = null) : ICallback
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _watch = new();
    private readonly ConcurrentQueue<string> _finished = new();
    private Thread? _renderer;
    private volatile bool _done;
    private int _begun, _epochs, _batches, _examplesPerBatch, _batch;
    private double _loss;

    private static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context)
    {
        _epochs = context.Epochs;
        _batches = context.BatchesPerEpoch;
        _examplesPerBatch = Math.Max(1, context.Examples / Math.Max(1, context.BatchesPerEpoch));
        _done = false;
        _begun = context.Epoch;
        if (output is null && Interactive)
        {
            _renderer = new Thread(Render) { IsBackground = true, Name = "Dendrite progress" };
            _renderer.Start();
        }
    }

    /// <inheritdoc/>
    public void OnEpochBegin(TrainingContext context)
    {
        lock (_gate) { _batch = 0; _loss = double.NaN; }
        _watch.Restart();
        Interlocked.Increment(ref _begun);
    }

    /// <inheritdoc/>
    public void OnBatchEnd(TrainingContext context, int batch, double loss)
    {
        lock (_gate) { _batch = batch + 1; _loss = double.IsNaN(_loss) ? loss : 0.9 * _loss + 0.1 * loss; }
    }

    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context, EpochLog log)
    {
        string line = EpochPrinter.Format(context, log);
        if (_renderer is null) (output ?? Console.Out).WriteLine(line);
        else _finished.Enqueue(line);
    }

    /// <inheritdoc/>
    public void OnTrainEnd(TrainingContext context)
    {
        _done = true;
        _renderer?.Join();
        _renderer = null;
    }

    /// <summary>One transient progress session per epoch, then that epoch's summary line.</summary>
    private void Render()
    {
        for (int shown = 0; ; shown++)
        {
            while (Volatile.Read(ref _begun) <= shown && !_done) Thread.Sleep(20);
            if (Volatile.Read(ref _begun) <= shown && _finished.IsEmpty) return;
            int epoch = Volatile.Read(ref _begun) - 1;
            AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask($"epoch {epoch + 1}/{_epochs}", maxValue: Math.Max(1, _batches));
                    while (_finished.IsEmpty && !_done)
                    {
                        int batch;
                        double loss;
                        lock (_gate) { batch = _batch; loss = _loss; }
                        double rate = batch * _examplesPerBatch / Math.Max(1e-9, _watch.Elapsed.TotalSeconds);
                        task.Value = batch;
                        task.Description = string.Create(CultureInfo.InvariantCulture,
                            $"epoch {epoch + 1}/{_epochs}  batch {batch}/{_batches}  loss {loss:0.####}  {rate:0} ex/s");
                        ctx.Refresh();
                        Thread.Sleep(100);
                    }
                });
            while (_finished.TryDequeue(out var line)) AnsiConsole.WriteLine(line);
        }
    }
}
