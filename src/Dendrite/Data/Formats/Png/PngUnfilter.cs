namespace Dendrite.Data;

/// <summary>
/// Undoes PNG's per-row filters in place. With x the byte being reconstructed, a the byte one pixel to its left
/// (<c>stride</c> bytes back), b the byte above and c the byte above a (zero outside the image or pass):
/// 0 None x, 1 Sub x + a, 2 Up x + b, 3 Average x + ⌊(a + b)/2⌋, 4 Paeth x + PaethPredictor(a, b, c), all mod 256.
/// </summary>
internal static class PngUnfilter
{
    /// <summary>Reconstructs the rows of one pass in place.</summary>
    /// <param name="data">The pass's filtered rows, each a filter-type byte then <paramref name="rowBytes"/> bytes.</param>
    /// <param name="rows">Rows in the pass.</param>
    /// <param name="rowBytes">Bytes per row without the filter-type byte.</param>
    /// <param name="stride">Bytes per pixel, at least 1.</param>
    /// <param name="source">The file, for errors.</param>
    public static void Apply(Span<byte> data, int rows, int rowBytes, int stride, string source)
    {
        Span<byte> prior = default;
        for (int y = 0; y < rows; y++)
        {
            var line = data.Slice(y * (rowBytes + 1), rowBytes + 1);
            int type = line[0];
            var row = line[1..];
            switch (type)
            {
                case 0: break;
                case 1:
                    for (int i = stride; i < row.Length; i++) row[i] += row[i - stride];
                    break;
                case 2:
                    if (!prior.IsEmpty) for (int i = 0; i < row.Length; i++) row[i] += prior[i];
                    break;
                case 3:
                    for (int i = 0; i < row.Length; i++)
                    {
                        int a = i >= stride ? row[i - stride] : 0, b = prior.IsEmpty ? 0 : prior[i];
                        row[i] += (byte)((a + b) >> 1);
                    }
                    break;
                case 4:
                    for (int i = 0; i < row.Length; i++)
                    {
                        int a = i >= stride ? row[i - stride] : 0;
                        int b = prior.IsEmpty ? 0 : prior[i];
                        int c = prior.IsEmpty || i < stride ? 0 : prior[i - stride];
                        row[i] += Paeth(a, b, c);
                    }
                    break;
                default:
                    throw PngHeader.Error(source, $"row {y} has filter type {type} (valid: 0 to 4)");
            }
            prior = row;
        }
    }

    /// <summary>The neighbour among a, b, c nearest to p = a + b − c, ties going to a, then b.</summary>
    private static byte Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return (byte)a;
        return (byte)(pb <= pc ? b : c);
    }
}
