namespace Dendrite.Training;

/// <summary>
/// A callback whose state after an epoch decides what later epochs do (a best-so-far score, a patience counter), so a
/// resumed run must get it back: <see cref="ModelCheckpoint"/> asks every such callback for its state when it writes
/// <c>last.safetensors</c>, and <see cref="Trainer.Fit"/> hands it back after <see cref="Trainer.Resume"/>.
/// </summary>
/// <remarks>
/// <see cref="SaveState"/> is called from <see cref="ModelCheckpoint"/>'s <see cref="ICallback.OnEpochEnd"/>, which may
/// run before this callback's own <see cref="ICallback.OnEpochEnd"/> for the same epoch: a callback must therefore bring
/// itself up to date with the epoch log it is given first and make that update idempotent (run once per epoch).
/// </remarks>
public interface IResumableCallback : ICallback
{
    /// <summary>Puts the state after the epoch of <paramref name="log"/> into <paramref name="state"/> (keys prefixed with the callback's name).</summary>
    void SaveState(TrainingContext context, EpochLog log, CallbackState state);

    /// <summary>Restores the state saved by <see cref="SaveState"/>; called after <see cref="ICallback.OnTrainBegin"/> of a resumed run.</summary>
    /// <exception cref="InvalidDataException">A value is missing or out of range; the message names the file and the key.</exception>
    void LoadState(TrainingContext context, CallbackState state);
}
