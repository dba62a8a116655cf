namespace Dendrite.Vision;

/// <summary>The answer of <see cref="IdentityDatabase.Identify"/>: the nearest identity, or none when even it is too far.</summary>
/// <param name="Identity">The nearest stored identity, or null when its distance exceeds the threshold ("not in the database").</param>
/// <param name="Nearest">The nearest stored identity whatever the distance (null only for an empty database).</param>
/// <param name="Distance">The smallest distance ‖f(image) − f(reference)‖₂, the course's <c>min_dist</c>.</param>
public readonly record struct IdentityMatch(string? Identity, string? Nearest, double Distance)
{
    /// <summary>Whether the image was recognised as someone in the database.</summary>
    public bool IsKnown => Identity is not null;
}
