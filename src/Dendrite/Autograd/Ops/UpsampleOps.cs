using System.Numerics;
using Dendrite.Tensors.Kernels;
using static Dendrite.Autograd.TensorMemory;

namespace Dendrite.Autograd;

/// <summary>Nearest and bilinear resizing of NCHW images (<see cref="Resampling"/>), forward and backward side by side.</summary>
internal static class UpsampleOps
{
    /// <summary>
    /// y [N, C, outH, outW] = x [N, C, H, W] resampled with PyTorch's <c>F.interpolate</c> rules: nearest reads
    /// x[⌊oy·scale⌋, ⌊ox·scale⌋]; bilinear weighs the four pixels around the source point (half-pixel centres, or
    /// corners aligned). <paramref name="scaleFactor"/> (when given) sets the source scale 1/factor, as in PyTorch.
    /// </summary>
    public static Tensor Interpolate(Tensor x, int outH, int outW, bool bilinear, bool alignCorners, (double H, double W)? scaleFactor)
    {
        x.RequireFloatingPoint("Upsample");
        if (x.Rank != 4) throw new ArgumentException($"Upsample expects x [N, C, H, W] but got {x.Shape}.");
        if (outH < 1 || outW < 1) throw new ArgumentException($"Upsample of x {x.Shape} needs a positive output size but got {outH}×{outW}.");
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], w = x.Shape[3];
        if (h < 1 || w < 1) throw new ArgumentException($"Upsample cannot resize the empty image x {x.Shape}.");
        var rows = bilinear ? Resampling.Linear(h, outH, alignCorners, scaleFactor?.H) : Resampling.Nearest(h, outH, scaleFactor?.H);
        var cols = bilinear ? Resampling.Linear(w, outW, alignCorners, scaleFactor?.W) : Resampling.Nearest(w, outW, scaleFactor?.W);
        var xc = x.Contiguous();
        var y = Tensor.Empty([n, c, outH, outW], x.DType);
        if (x.IsFloat64) Resampling.Forward(n * c, h, w, rows, cols, AsMemory<double>(xc), AsMemory<double>(y));
        else Resampling.Forward(n * c, h, w, rows, cols, AsMemory<float>(xc), AsMemory<float>(y));
        return Graph.Record(y, bilinear ? "UpsampleBilinear" : "UpsampleNearest", [xc], dy =>
        {
            // ∂L/∂x[iy, ix] = Σ over the outputs that read (iy, ix) of their weight times ∂L/∂y
            var dyc = dy.Contiguous();
            var dx = Tensor.Empty(x.Shape, x.DType);
            if (x.IsFloat64) Resampling.Backward(n * c, h, w, rows, cols, AsMemory<double>(dyc), AsMemory<double>(dx));
            else Resampling.Backward(n * c, h, w, rows, cols, AsMemory<float>(dyc), AsMemory<float>(dx));
            return [dx];
        });
    }
}
