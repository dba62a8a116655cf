using Dendrite.Autograd;
using Dendrite.Cli.Specs;
using Dendrite.Data;

namespace Dendrite.Cli.Report;

/// <summary>
/// The course's decision-boundary figure for a classifier of 2-D inputs (planar flower, moons): the plane over the
/// training points' range (plus a 10% margin) coloured by the predicted class, the training points on top in the
/// class colours, as a PNG written in managed code.
/// </summary>
internal static class DecisionBoundary
{
    public const int Side = 240;

    private static readonly byte[][] Light = [[198, 219, 239], [253, 208, 162], [199, 233, 192], [218, 218, 235], [252, 187, 161], [217, 217, 217]];
    private static readonly byte[][] Dark = [[8, 81, 156], [217, 72, 1], [35, 139, 69], [84, 39, 143], [203, 24, 29], [37, 37, 37]];

    /// <summary>The PNG, or null when the run is not a classifier of 2-D inputs.</summary>
    public static byte[]? Render(RunSetup setup)
    {
        if (setup.InputShape.Rank != 1 || setup.InputShape[0] != 2 || setup.OutputKind is OutputKind.Regression or OutputKind.SequenceLogits or OutputKind.PixelLogits) return null;
        var data = setup.Train.Get([.. Enumerable.Range(0, setup.Train.Count)]);
        var xs = data.Inputs.To(DType.Float64).ToArray<double>();
        int m = setup.Train.Count;
        double Min(int axis) => Enumerable.Range(0, m).Min(i => xs[2 * i + axis]);
        double Max(int axis) => Enumerable.Range(0, m).Max(i => xs[2 * i + axis]);
        double pad0 = 0.1 * (Max(0) - Min(0)) + 1e-9, pad1 = 0.1 * (Max(1) - Min(1)) + 1e-9;
        double x0 = Min(0) - pad0, x1 = Max(0) + pad0, y0 = Min(1) - pad1, y1 = Max(1) + pad1;

        var grid = new double[Side * Side * 2];
        for (int r = 0; r < Side; r++)
            for (int c = 0; c < Side; c++)
            {
                int k = r * Side + c;
                grid[2 * k] = x0 + (c + 0.5) / Side * (x1 - x0);
                grid[2 * k + 1] = y1 - (r + 0.5) / Side * (y1 - y0);   // y up, as in the course's plots
            }
        var classes = Classes(setup, Tensor.FromArray(grid, [Side * Side, 2]).To(setup.DType));
        var pixels = new byte[Side * Side * 3];
        for (int k = 0; k < Side * Side; k++) Light[classes[k] % Light.Length].CopyTo(pixels, 3 * k);

        var labels = Labels(data.Targets);
        for (int i = 0; i < Math.Min(m, 5000); i++)
        {
            int c = (int)((xs[2 * i] - x0) / (x1 - x0) * Side), r = (int)((y1 - xs[2 * i + 1]) / (y1 - y0) * Side);
            for (int dr = -1; dr <= 1; dr++)
                for (int dc = -1; dc <= 1; dc++)
                    if (r + dr is >= 0 and < Side && c + dc is >= 0 and < Side)
                        Dark[labels[i] % Dark.Length].CopyTo(pixels, 3 * ((r + dr) * Side + c + dc));
        }
        return PngWriter.Encode(pixels, Side, Side, 3);
    }

    /// <summary>The predicted class of each row.</summary>
    private static int[] Classes(RunSetup setup, Tensor points)
    {
        bool training = setup.Model.IsTraining;
        setup.Model.Eval();
        Tensor scores;
        using (GradMode.NoGrad()) scores = setup.Model.Forward(points);
        setup.Model.Train(training);
        if (setup.OutputKind == OutputKind.MulticlassLogits) return scores.ArgMax(-1).ToArray<int>();
        double threshold = setup.OutputKind == OutputKind.BinaryLogits ? 0 : 0.5;
        return [.. scores.To(DType.Float64).ToArray<double>().Select(v => v > threshold ? 1 : 0)];
    }

    private static int[] Labels(Tensor targets) => targets.DType == DType.Int32
        ? targets.ToArray<int>()
        : [.. targets.To(DType.Float64).ToArray<double>().Select(v => v > 0.5 ? 1 : 0)];
}
