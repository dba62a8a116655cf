namespace Dendrite.Vision;

/// <summary>Index arithmetic over a YOLO output [N, A·K, H, W]: number k of anchor a in cell (i, j) of image n, and the cell size in pixels.</summary>
internal readonly record struct YoloGrid(int N, int A, int K, int H, int W, double CellH, double CellW)
{
    /// <summary>Flat index of t[n, a·K + k, i, j].</summary>
    public int At(int n, int a, int k, int i, int j) => (((n * A + a) * K + k) * H + i) * W + j;
}
