using Dendrite.Tensors.Kernels;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// <see cref="ConvLayout.Fill{T}"/> against a naive loop: phase plane (a, b) of channel c holds
/// x[c, u·s_h + a − p_top, v·s_w + b − p_left] at (u, v), zero outside the image. The stride-2 rows are long enough for
/// the 16-wide AVX-512 step, the 8-wide AVX2 step and a scalar tail.
/// </summary>
public class ConvLayoutTests
{
    [Theory]
    [InlineData(3, 32, 32, 3, 2, 1)] // 17-wide rows: one 16-wide step and a tail
    [InlineData(2, 9, 70, 3, 2, 1)] // 36-wide rows: two 16-wide steps and a tail
    [InlineData(2, 7, 50, 3, 2, 0)] // 24-wide rows: 16, then 8
    [InlineData(2, 32, 32, 1, 2, 0)] // a 1×1 stride-2 projection: one phase, 16-wide rows
    [InlineData(2, 11, 13, 3, 1, 1)] // stride 1
    [InlineData(1, 12, 47, 5, 3, 2)] // stride 3: the element-wise path
    public void Fill_matches_naive_phase_planes(int channels, int height, int width, int kernel, int stride, int pad)
    {
        var g = new SlidingWindow(channels, height, width, kernel, kernel, stride, stride, pad, pad, pad, pad);
        var layout = new ConvLayout(g, g.OutHeight, g.OutWidth);
        var random = new Random(5);
        float[] image = new float[channels * height * width + 1]; // one spare element: the stride-2 steps may read one past the last row
        for (int i = 0; i < image.Length; i++) image[i] = (float)(random.NextDouble() * 2 - 1);
        float[] copy = new float[layout.Length];
        Array.Fill(copy, float.NaN);
        layout.Fill<float>(image, copy);
        for (int c = 0; c < channels; c++)
            for (int pa = 0; pa < layout.RowPhases.Length; pa++)
                for (int pb = 0; pb < layout.ColumnPhases.Length; pb++)
                    for (int u = 0; u < layout.RowsPerPlane; u++)
                        for (int v = 0; v < layout.RowStride; v++)
                        {
                            int iy = u * stride + layout.RowPhases[pa] - pad, ix = v * stride + layout.ColumnPhases[pb] - pad;
                            float expected = iy >= 0 && iy < height && ix >= 0 && ix < width ? image[(c * height + iy) * width + ix] : 0f;
                            int at = c * layout.ChannelSize + (pa * layout.ColumnPhases.Length + pb) * layout.PlaneSize + u * layout.RowStride + v;
                            Assert.True(expected == copy[at], $"channel {c}, phase ({pa}, {pb}), ({u}, {v}): expected {expected}, got {copy[at]}");
                        }
    }
}
