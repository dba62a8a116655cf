namespace Dendrite.Tensors.Kernels;

/// <summary>
/// A kernel window sliding over one [C, H, W] image: kernel size, stride, padding (top, left, bottom, right) and
/// dilation, with the output size H' = ⌊(H + pt + pb − d·(kh − 1) − 1)/s⌋ + 1 (likewise W').
/// </summary>
/// <remarks>With d = 1 and symmetric padding p this is the course's ⌊(n + 2p − f)/s⌋ + 1.</remarks>
internal readonly record struct SlidingWindow(
    int Channels, int Height, int Width, int KernelH, int KernelW,
    int StrideH = 1, int StrideW = 1,
    int PadTop = 0, int PadLeft = 0, int PadBottom = 0, int PadRight = 0,
    int DilationH = 1, int DilationW = 1)
{
    /// <summary>H', the number of window rows.</summary>
    public int OutHeight => (Height + PadTop + PadBottom - DilationH * (KernelH - 1) - 1) / StrideH + 1;

    /// <summary>W', the number of window columns.</summary>
    public int OutWidth => (Width + PadLeft + PadRight - DilationW * (KernelW - 1) - 1) / StrideW + 1;

    /// <summary>H·W, the elements of one input plane.</summary>
    public int InPlane => Height * Width;

    /// <summary>H'·W', the elements of one output plane.</summary>
    public int OutPlane => OutHeight * OutWidth;

    /// <summary>C·kh·kw, the rows of the im2col matrix.</summary>
    public int ColumnRows => Channels * KernelH * KernelW;

    /// <summary>True when the window is 1×1 with stride 1 and no padding, so the image already is its im2col matrix.</summary>
    public bool IsPointwise => KernelH == 1 && KernelW == 1 && StrideH == 1 && StrideW == 1
        && PadTop == 0 && PadLeft == 0 && PadBottom == 0 && PadRight == 0;

    /// <summary>The same window over <paramref name="channels"/> channels (one group of a grouped convolution).</summary>
    public SlidingWindow WithChannels(int channels) => this with { Channels = channels };

    /// <summary>The output positions [first, end) whose input coordinate o·stride + offset lies in [0, size).</summary>
    public static (int First, int End) InsideRange(int offset, int stride, int size, int outSize)
    {
        int first = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        int last = size - 1 - offset;
        int end = last < 0 ? 0 : last / stride + 1;
        first = Math.Min(first, outSize);
        end = Math.Clamp(end, first, outSize);
        return (first, end);
    }
}
