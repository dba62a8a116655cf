namespace Dendrite.Autograd;

/// <summary>Whether operations record a graph on the current thread.</summary>
public static class GradMode
{
    [ThreadStatic] private static int t_disabledDepth;

    /// <summary>True unless inside a <see cref="NoGrad"/> scope.</summary>
    public static bool IsEnabled => t_disabledDepth == 0;

    /// <summary>Starts a scope in which no graph is recorded (evaluation, optimizer steps); dispose it to end the scope.</summary>
    /// <example><code>using (GradMode.NoGrad()) { var yHat = model.Forward(x); }</code></example>
    public static NoGradScope NoGrad()
    {
        t_disabledDepth++;
        return new NoGradScope();
    }

    /// <summary>The scope returned by <see cref="NoGrad"/>.</summary>
    public readonly struct NoGradScope : IDisposable
    {
        /// <summary>Ends the scope.</summary>
        public void Dispose() => t_disabledDepth--;
    }
}
