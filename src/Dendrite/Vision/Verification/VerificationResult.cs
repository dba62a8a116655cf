namespace Dendrite.Vision;

/// <summary>The answer of <see cref="IdentityDatabase.Verify"/>: the distance to the claimed identity and whether it is under the threshold.</summary>
/// <param name="Distance">‖f(image) − f(reference)‖₂, the course's <c>dist</c>.</param>
/// <param name="Match">Distance &lt; threshold: the course's <c>door_open</c>.</param>
public readonly record struct VerificationResult(double Distance, bool Match);
