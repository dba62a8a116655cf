namespace Dendrite.Training;

/// <summary>One of a fixed list of options drawn with equal probability, e.g. the activation or the optimizer.</summary>
/// <typeparam name="T">The options' type.</typeparam>
public sealed class Choice<T> : SearchDimension
{
    private readonly T[] _options;

    /// <summary>Creates the choice; at least one option.</summary>
    public Choice(params T[] options)
    {
        if (options.Length == 0) throw new ArgumentException("Choice needs at least one option.", nameof(options));
        _options = (T[])options.Clone();
    }

    /// <summary>The options, in the given order.</summary>
    public IReadOnlyList<T> Options => _options;

    /// <inheritdoc />
    public override object Sample(Random random) => _options[random.Next(_options.Length)]!;

    /// <summary>Keeps the options that the best trials used (all of them when none matches).</summary>
    public override SearchDimension Narrow(IReadOnlyList<object> best, double margin)
    {
        var kept = _options.Where(o => best.Any(b => Equals(b, o))).ToArray();
        return kept.Length == 0 || kept.Length == _options.Length ? this : new Choice<T>(kept);
    }

    /// <summary>The choice as written, e.g. <c>Choice(relu, tanh)</c>.</summary>
    public override string ToString() => $"Choice({string.Join(", ", _options)})";
}
