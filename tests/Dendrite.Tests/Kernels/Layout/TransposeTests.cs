using Dendrite.Tensors.Kernels;

namespace Dendrite.Tests.Kernels;

/// <summary>The blocked transpose against index arithmetic, on ragged (masked) edges and on the staged 4 KiB-stride path.</summary>
public class TransposeTests
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(7, 9, 9, 7)]
    [InlineData(8, 8, 8, 8)]
    [InlineData(17, 23, 30, 20)]      // padded strides both ways
    [InlineData(300, 16, 16, 1024)]   // 4 KiB destination rows: staged, with a partial chunk of 44 rows
    [InlineData(1024, 13, 16, 1024)]  // staged with a ragged column block
    [InlineData(100, 32, 32, 1024)]   // staged from 32 rows: one chunk shorter than the staging buffer (a convolution chunk of tiles)
    [InlineData(40, 1024, 1024, 40)]  // the long side is the source
    [InlineData(784, 6, 6, 784)]      // six channels: masked 8×6 blocks up to the last element of the source
    [InlineData(6, 101, 101, 6)]      // and back: masked 6×8 stores, a 6×5 corner
    [InlineData(3, 2, 2, 3)]          // one block smaller than 8 both ways
    public void Float_and_double_match_the_definition(int rows, int cols, int lds, int ldd)
    {
        Check<float>(rows, cols, lds, ldd);
        Check<double>(rows, cols, lds, ldd);
    }

    private static void Check<T>(int rows, int cols, int lds, int ldd) where T : unmanaged, System.Numerics.INumber<T>
    {
        var src = new T[rows * lds];
        for (int i = 0; i < src.Length; i++) src[i] = T.CreateTruncating(i * 7 % 1009);
        var dst = new T[cols * ldd];
        var sentinel = T.CreateTruncating(-1);
        Array.Fill(dst, sentinel);
        Transpose.Run<T>(src, rows, cols, lds, dst, ldd);
        for (int c = 0; c < cols; c++)
            for (int j = 0; j < ldd; j++)
                Assert.Equal(j < rows ? src[j * lds + c] : sentinel, dst[c * ldd + j]);
    }
}
