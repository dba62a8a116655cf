using System.Globalization;
using Dendrite.Serialization;

namespace Dendrite.Training;

/// <summary>
/// The checked contents of a training checkpoint's metadata, read before <see cref="Trainer.Resume"/> touches the model or
/// the optimizer: counters that are not negative, a finite non-negative learning rate, a history that parses and covers
/// every completed epoch, and the callbacks' state.
/// </summary>
internal sealed record ResumePoint(long StepCount, int Epoch, double? LearningRate, History History, CallbackState Callbacks)
{
    /// <summary>Validates <paramref name="state"/>, read from <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">A value is out of range; the message names the file and the key.</exception>
    public static ResumePoint Of(string path, TrainingState state)
    {
        if (state.StepCount < 0) throw Invalid(path, "step_count", state.StepCount.ToString(CultureInfo.InvariantCulture), "a step count ≥ 0");
        if (state.Epoch < 0) throw Invalid(path, "epoch", state.Epoch.ToString(CultureInfo.InvariantCulture), "an epoch count ≥ 0");
        double? lr = null;
        if (state.Extra.TryGetValue(Trainer.LearningRateKey, out var text))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < 0)
                throw Invalid(path, TrainingCheckpoint.ExtraPrefix + Trainer.LearningRateKey, text, "a finite learning rate ≥ 0");
            lr = value;
        }
        var history = new History();
        try
        {
            history.Deserialize(state.Extra.TryGetValue(Trainer.HistoryKey, out var h) ? h : "");
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidDataException)
        {
            throw new InvalidDataException($"{path}: '{TrainingCheckpoint.ExtraPrefix}{Trainer.HistoryKey}' in __metadata__ does not parse: {e.Message}", e);
        }
        if (history.Epochs.Count < state.Epoch)
            throw Invalid(path, TrainingCheckpoint.ExtraPrefix + Trainer.HistoryKey, $"{history.Epochs.Count} epochs", $"at least the {state.Epoch} epochs of '{"epoch"}'");
        var callbacks = new CallbackState(path);
        foreach (var (key, value) in state.Extra)
            if (key is not (Trainer.HistoryKey or Trainer.LearningRateKey)) callbacks.Values[key] = value;
        foreach (var (key, value) in state.Callbacks) callbacks.Tensors[key] = value;
        return new ResumePoint(state.StepCount, state.Epoch, lr, history, callbacks);
    }

    private static InvalidDataException Invalid(string path, string key, string value, string expected) =>
        new($"{path}: '{key}' in __metadata__ is {value}, expected {expected}.");
}
