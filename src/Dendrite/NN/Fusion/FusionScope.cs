namespace Dendrite.NN;

/// <summary>An open <see cref="InferenceFusion.Apply"/> scope; disposing it ends the fusion.</summary>
public readonly struct FusionScope : IDisposable
{
    private readonly Action? _close;

    internal FusionScope(Action close) => _close = close;

    /// <summary>Ends the scope.</summary>
    public void Dispose() => _close?.Invoke();
}
