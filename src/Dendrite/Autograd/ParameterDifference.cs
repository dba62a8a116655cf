using System.Text;

namespace Dendrite.Autograd;

/// <summary>The gradient-check difference of one parameter tensor.</summary>
/// <param name="Name">The parameter's name (e.g. layers.0.weight).</param>
/// <param name="Shape">The parameter's shape.</param>
/// <param name="Difference">‖dθapprox − dθ‖₂ / (‖dθapprox‖₂ + ‖dθ‖₂) over this tensor's elements.</param>
public sealed record ParameterDifference(string Name, Shape Shape, double Difference);
