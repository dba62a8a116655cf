using System.Globalization;
using Dendrite.NN;

namespace Dendrite.Serialization;

/// <summary>
/// Saves everything needed to resume training in one safetensors file: the module's tensors under <c>model.</c>,
/// the optimizer's under <c>optimizer.</c>, callbacks' tensors (e.g. early stopping's best weights) under <c>callback.</c>,
/// and the step count, epoch and extras as strings in <c>__metadata__</c>.
/// </summary>
/// <remarks>The module's tensors include its non-persistent buffers (dropout's mask counters), so a resumed run draws the
/// same masks as one that never stopped. Generic over name/tensor lists, so any optimizer that can list and restore its state tensors fits.</remarks>
public static class TrainingCheckpoint
{
    /// <summary>Prefix of the module's tensor names in the file.</summary>
    public const string ModelPrefix = "model.";

    /// <summary>Prefix of the optimizer's tensor names in the file.</summary>
    public const string OptimizerPrefix = "optimizer.";

    /// <summary>Prefix of the caller's extra keys in <c>__metadata__</c>.</summary>
    public const string ExtraPrefix = "extra.";

    /// <summary>Prefix of the callbacks' tensor names in the file.</summary>
    public const string CallbackPrefix = "callback.";

    private const string StepCountKey = "step_count";
    private const string EpochKey = "epoch";

    /// <summary>Writes the module, the optimizer state, the counters and <paramref name="extra"/> to <paramref name="path"/>, atomically.</summary>
    public static void Save(string path, Module module, IEnumerable<(string Name, Tensor Value)> optimizerState, long stepCount, int epoch,
        IReadOnlyDictionary<string, string>? extra = null, IEnumerable<KeyValuePair<string, Tensor>>? callbackTensors = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(optimizerState);
        var tensors = module.StateDict(includeNonPersistent: true).Select(p => KeyValuePair.Create(ModelPrefix + p.Key, p.Value))
            .Concat(optimizerState.Select(s => KeyValuePair.Create(OptimizerPrefix + s.Name, s.Value)))
            .Concat((callbackTensors ?? []).Select(c => KeyValuePair.Create(CallbackPrefix + c.Key, c.Value)));
        var metadata = new Dictionary<string, string>
        {
            [StepCountKey] = stepCount.ToString(CultureInfo.InvariantCulture),
            [EpochKey] = epoch.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) metadata.Add(ExtraPrefix + key, value);
        SafeTensors.Write(path, tensors, metadata);
    }

    /// <summary>Reads a training checkpoint without touching any module.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file or lacks the training checkpoint's layout.</exception>
    public static TrainingState Read(string path)
    {
        var file = SafeTensors.Read(path);
        var model = new OrderedDictionary<string, Tensor>();
        var optimizer = new OrderedDictionary<string, Tensor>();
        var callbacks = new OrderedDictionary<string, Tensor>();
        foreach (var (name, tensor) in file.Tensors)
        {
            if (name.StartsWith(ModelPrefix, StringComparison.Ordinal)) model.Add(name[ModelPrefix.Length..], tensor);
            else if (name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)) optimizer.Add(name[OptimizerPrefix.Length..], tensor);
            else if (name.StartsWith(CallbackPrefix, StringComparison.Ordinal)) callbacks.Add(name[CallbackPrefix.Length..], tensor);
            else throw new InvalidDataException($"{path}: not a training checkpoint: tensor '{name}' starts with none of '{ModelPrefix}', '{OptimizerPrefix}', '{CallbackPrefix}'.");
        }
        long stepCount = Counter(file.Metadata, StepCountKey, path, long.Parse);
        int epoch = Counter(file.Metadata, EpochKey, path, int.Parse);
        var extra = file.Metadata.Where(m => m.Key.StartsWith(ExtraPrefix, StringComparison.Ordinal))
            .ToDictionary(m => m.Key[ExtraPrefix.Length..], m => m.Value);
        return new TrainingState(model, optimizer, stepCount, epoch, extra, modelReport: null) { Callbacks = callbacks };
    }

    /// <summary>Reads a training checkpoint and loads its model tensors into <paramref name="module"/> (see <see cref="StateDictExtensions.LoadStateDict"/>).</summary>
    /// <remarks>Hand <see cref="TrainingState.Optimizer"/> and <see cref="TrainingState.StepCount"/> to the optimizer to resume it.</remarks>
    /// <exception cref="InvalidDataException">The file is not a valid training checkpoint.</exception>
    /// <exception cref="ArgumentException">Strict and the model tensors do not match the module; the module is left untouched.</exception>
    public static TrainingState Load(string path, Module module, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        var state = Read(path);
        return state.WithReport(StateDictExtensions.Load(module, state.Model, strict, path));
    }

    private static T Counter<T>(IReadOnlyDictionary<string, string> metadata, string key, string path, Func<string, NumberStyles, IFormatProvider, T> parse)
    {
        if (!metadata.TryGetValue(key, out var text))
            throw new InvalidDataException($"{path}: not a training checkpoint: __metadata__ lacks '{key}'.");
        try
        {
            return parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new InvalidDataException($"{path}: '{key}' in __metadata__ is '{text}', not an integer.", e);
        }
    }
}
