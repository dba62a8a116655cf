using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Dendrite.Training;

/// <summary>
/// Shows training progress: on an interactive terminal a live Spectre.Console bar per epoch (batch, loss,
/// throughput, time left); when output is redirected, one plain line per epoch.
/// </summary>
/// <param name="output">Where plain lines go when not interactive (default: standard output).</param>
public sealed class ProgressBar(TextWriter? output = null) : ICallback
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _watch = new();
    private Thread? _renderer;
    private volatile bool _done;
    private int _epoch, _epochs, _batch, _batches, _examplesPerBatch;
    private double _loss;
    private string? _lastLine;

    private static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context)
    {
        _epochs = context.Epochs;
        _batches = context.BatchesPerEpoch;
        _examplesPerBatch = Math.Max(1, context.Examples / Math.Max(1, context.BatchesPerEpoch));
        _done = false;
        if (output is null && Interactive)
        {
            _renderer = new Thread(Render) { IsBackground = true, Name = "Dendrite progress" };
            _renderer.Start();
        }
    }

    /// <inheritdoc/>
    public void OnEpochBegin(TrainingContext context)
    {
        lock (_gate) { _epoch = context.Epoch; _batch = 0; _loss = double.NaN; }
        _watch.Restart();
    }

    /// <inheritdoc/>
    public void OnBatchEnd(TrainingContext context, int batch, double loss)
    {
        lock (_gate) { _batch = batch + 1; _loss = double.IsNaN(_loss) ? loss : 0.9 * _loss + 0.1 * loss; }
    }

    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context, EpochLog log)
    {
        string line = $"epoch {log.Epoch + 1}/{context.Epochs}  " + string.Join("  ",
            log.Values.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.####}")));
        if (_renderer is null) (output ?? Console.Out).WriteLine(line);
        else lock (_gate) _lastLine = line;
    }

    /// <inheritdoc/>
    public void OnTrainEnd(TrainingContext context)
    {
        _done = true;
        _renderer?.Join();
        _renderer = null;
    }

    private void Render()
    {
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                ProgressTask? task = null;
                int shownEpoch = -1;
                while (true)
                {
                    bool stopping = _done; // read first, so the last epoch's line is drawn before leaving
                    int epoch, batch;
                    double loss;
                    string? finished;
                    lock (_gate) { epoch = _epoch; batch = _batch; loss = _loss; finished = _lastLine; _lastLine = null; }
                    if (finished is not null && task is not null)
                    {
                        task.Description = Markup.Escape(finished);
                        task.Value = task.MaxValue;
                        task.StopTask();
                    }
                    if (epoch != shownEpoch && !stopping)
                    {
                        task = ctx.AddTask($"epoch {epoch + 1}/{_epochs}", maxValue: Math.Max(1, _batches));
                        shownEpoch = epoch;
                    }
                    if (task is not null && !task.IsFinished)
                    {
                        double rate = batch * _examplesPerBatch / Math.Max(1e-9, _watch.Elapsed.TotalSeconds);
                        task.Value = batch;
                        task.Description = string.Create(CultureInfo.InvariantCulture,
                            $"epoch {epoch + 1}/{_epochs}  batch {batch}/{_batches}  loss {loss:0.####}  {rate:0} ex/s");
                    }
                    if (stopping) break;
                    ctx.Refresh();
                    Thread.Sleep(100);
                }
            });
    }
}
