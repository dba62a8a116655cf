using Dendrite.Tensors.Kernels;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>The inlined short-run copy used by the convolution layouts and the staged transpose.</summary>
public class ShortCopyTests
{
    private static void Check<T>(Func<int, T> value, T sentinel) where T : unmanaged, IEquatable<T>
    {
        for (int count = 0; count <= 80; count++)
            for (int offset = 0; offset < 3; offset++)
            {
                T[] src = new T[count + 3], dst = new T[count + 6];
                for (int i = 0; i < src.Length; i++) src[i] = value(i + 1);
                Array.Fill(dst, sentinel);
                ShortCopy.Run(new ReadOnlySpan<T>(src, offset, count), dst.AsSpan(offset + 1, count + 2));
                for (int i = 0; i < dst.Length; i++)
                {
                    T expected = i > offset && i <= offset + count ? src[offset + i - offset - 1] : sentinel;
                    Assert.True(expected.Equals(dst[i]), $"{typeof(T).Name} count {count} offset {offset}: element {i} is {dst[i]}, expected {expected}");
                }
            }
    }

    [Fact]
    public void CopiesEveryLengthExactlyAndNothingElse()
    {
        Check(i => (float)i, -1f);
        Check(i => (double)i, -1d);
        Check(i => (byte)(i % 250 + 1), (byte)0);
    }

    [Fact]
    public void ShortDestinationIsRejected()
    {
        float[] src = new float[10], dst = new float[9];
        Assert.Throws<ArgumentException>(() => ShortCopy.Run<float>(src, dst));
    }
}
