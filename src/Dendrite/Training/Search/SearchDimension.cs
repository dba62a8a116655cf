namespace Dendrite.Training;

/// <summary>One hyperparameter's range and how to sample it: a dimension of a <see cref="SearchSpace"/>.</summary>
public abstract class SearchDimension
{
    /// <summary>Draws one value (boxed double, int, or the choice's type).</summary>
    public abstract object Sample(Random random);

    /// <summary>
    /// The "fine" range for the next round of a coarse-to-fine search: the region around the values the best trials
    /// used, never wider than this one.
    /// </summary>
    /// <param name="best">The values the best trials so far drew for this dimension.</param>
    /// <param name="margin">Padding on each side, as a fraction of this range's width in the sampling scale.</param>
    public abstract SearchDimension Narrow(IReadOnlyList<object> best, double margin);
}
