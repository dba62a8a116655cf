using System.Globalization;
using System.Text;
using Dendrite.Data;

namespace Dendrite.Training;

/// <summary>Writes the history to <c>history.csv</c> and <c>history.json</c> in a folder (atomically), every few epochs and at the end.</summary>
/// <remarks>A run killed after writing the history but before its checkpoint leaves files an epoch or more ahead of
/// <c>last.safetensors</c>: on resume they are rewritten from the checkpoint's history (truncated to its epoch). Temporary
/// files left by a killed write are deleted when training begins.</remarks>
/// <param name="folder">The run folder; created if missing.</param>
/// <param name="every">Write after every this many epochs (raise it for runs of thousands of tiny epochs).</param>
public sealed class HistoryWriter(string folder, int every = 1) : IResumableCallback
{
    private int _written = -1;

    /// <summary>Path of the CSV file.</summary>
    public string CsvPath => Path.Combine(folder, "history.csv");

    /// <summary>Path of the JSON file.</summary>
    public string JsonPath => Path.Combine(folder, "history.json");

    /// <inheritdoc/>
    public void OnTrainBegin(TrainingContext context)
    {
        AtomicFile.DeleteLeftovers(CsvPath);
        AtomicFile.DeleteLeftovers(JsonPath);
    }

    /// <inheritdoc/>
    public void SaveState(TrainingContext context, EpochLog log, CallbackState state) { }

    /// <inheritdoc/>
    public void LoadState(TrainingContext context, CallbackState state)
    {
        if (File.Exists(CsvPath) || File.Exists(JsonPath)) Save(context); // reconcile files written after the checkpoint
    }

    /// <inheritdoc/>
    public void OnEpochEnd(TrainingContext context, EpochLog log)
    {
        if ((log.Epoch + 1) % Math.Max(1, every) == 0 || log.Epoch == context.Epochs - 1) Save(context);
    }

    /// <inheritdoc/>
    public void OnTrainEnd(TrainingContext context)
    {
        if (_written != context.History.Epochs.Count) Save(context);
    }

    private void Save(TrainingContext context)
    {
        _written = context.History.Epochs.Count;
        Directory.CreateDirectory(folder);
        var epochs = context.History.Epochs;
        var names = epochs.SelectMany(e => e.Values.Select(v => v.Key)).Distinct().ToList();
        Write(CsvPath, ToCsv(epochs, names));
        Write(JsonPath, ToJson(epochs, names));
    }

    private static string ToCsv(IReadOnlyList<EpochLog> epochs, List<string> names)
    {
        var sb = new StringBuilder("epoch,").AppendJoin(',', names).Append('\n');
        foreach (var e in epochs)
            sb.Append(e.Epoch + 1).Append(',').AppendJoin(',', names.Select(n => e.TryGet(n, out var v) ? Format(v) : "")).Append('\n');
        return sb.ToString();
    }

    private static string ToJson(IReadOnlyList<EpochLog> epochs, List<string> names)
    {
        var sb = new StringBuilder("[\n");
        for (int i = 0; i < epochs.Count; i++)
        {
            var e = epochs[i];
            sb.Append("  {\"epoch\": ").Append(e.Epoch + 1);
            foreach (var n in names)
                if (e.TryGet(n, out var v)) sb.Append(", \"").Append(n).Append("\": ").Append(double.IsFinite(v) ? Format(v) : "null");
            sb.Append(i < epochs.Count - 1 ? "},\n" : "}\n");
        }
        return sb.Append("]\n").ToString();
    }

    private static void Write(string path, string text) => AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(text)));

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
