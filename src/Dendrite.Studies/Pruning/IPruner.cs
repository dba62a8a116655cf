namespace Dendrite.Studies;

/// <summary>Decides, after each reported step, whether a trial is bad enough to stop early.</summary>
public interface IPruner
{
    /// <summary>Whether to stop the trial now.</summary>
    /// <param name="step">The step (epoch, from 0) just reported.</param>
    /// <param name="history">This trial's values at steps 0..step.</param>
    /// <param name="others">The other trials' values at <paramref name="step"/>.</param>
    /// <param name="maximize">Whether larger values are better.</param>
    bool ShouldPrune(int step, IReadOnlyList<double> history, IReadOnlyList<PeerValue> others, bool maximize);
}
