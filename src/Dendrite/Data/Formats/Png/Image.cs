namespace Dendrite.Data;

/// <summary>
/// A decoded raster image: <see cref="Height"/> rows of <see cref="Width"/> pixels, each <see cref="Channels"/>
/// samples (1 grey, 2 grey + alpha, 3 RGB, 4 RGBA) of 8 or 16 bits, stored interleaved row by row as in the file.
/// </summary>
/// <remarks>
/// Sample (y, x, c) is <c>Samples[(y·Width + x)·Channels + c]</c>. <see cref="ToTensor"/> gives the layout the models
/// take, float32 [C, H, W] with value / <see cref="MaxValue"/> in [0, 1] (torchvision's <c>to_tensor</c>).
/// </remarks>
public sealed class Image
{
    private readonly byte[]? _bytes;
    private readonly ushort[]? _words;

    /// <summary>An 8-bit image over <paramref name="samples"/> (not copied), length height·width·channels.</summary>
    public Image(int width, int height, int channels, byte[] samples) : this(width, height, channels, 8, samples.Length) => _bytes = samples;

    /// <summary>A 16-bit image over <paramref name="samples"/> (not copied), length height·width·channels.</summary>
    public Image(int width, int height, int channels, ushort[] samples) : this(width, height, channels, 16, samples.Length) => _words = samples;

    private Image(int width, int height, int channels, int bitDepth, int length)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"Image: the size must be positive but is {width}×{height}.");
        if (channels is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(channels), $"Image: channels must be 1 to 4 but is {channels}.");
        if ((long)width * height * channels != length)
            throw new ArgumentException($"Image: a {width}×{height} image of {channels} channels has {(long)width * height * channels} samples but got {length}.");
        (Width, Height, Channels, BitDepth) = (width, height, channels, bitDepth);
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Samples per pixel: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>Bits per sample: 8 or 16.</summary>
    public int BitDepth { get; }

    /// <summary>The largest sample value, 2^BitDepth − 1 (255 or 65535).</summary>
    public int MaxValue => BitDepth == 8 ? byte.MaxValue : ushort.MaxValue;

    /// <summary>Sample <paramref name="c"/> of the pixel in row <paramref name="y"/>, column <paramref name="x"/>.</summary>
    public int this[int y, int x, int c]
    {
        get
        {
            if ((uint)y >= (uint)Height || (uint)x >= (uint)Width || (uint)c >= (uint)Channels)
                throw new ArgumentOutOfRangeException(nameof(y), $"Image {Width}×{Height}×{Channels}: no sample at ({y}, {x}, {c}).");
            int i = (y * Width + x) * Channels + c;
            return _bytes is not null ? _bytes[i] : _words![i];
        }
    }

    /// <summary>The samples of an 8-bit image, interleaved row by row.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? throw new InvalidOperationException("Image: this is a 16-bit image; read Words.");

    /// <summary>The samples of a 16-bit image, interleaved row by row.</summary>
    public ReadOnlySpan<ushort> Words => _words ?? throw new InvalidOperationException("Image: this is an 8-bit image; read Bytes.");

    /// <summary>The image as float32 [C, H, W], each sample divided by <see cref="MaxValue"/> (a correctly rounded float32 quotient).</summary>
    public Tensor ToTensor()
    {
        int plane = Width * Height;
        var values = new float[plane * Channels];
        float max = MaxValue;
        Span<float> table = stackalloc float[256];   // 8-bit samples: the 256 quotients, computed once
        for (int i = 0; i < table.Length; i++) table[i] = i / max;
        for (int c = 0; c < Channels; c++)
        {
            var to = values.AsSpan(c * plane, plane);
            if (_bytes is not null)
                for (int p = 0; p < plane; p++) to[p] = table[_bytes[p * Channels + c]];
            else
                for (int p = 0; p < plane; p++) to[p] = _words![p * Channels + c] / max;
        }
        return Tensor.FromArray(values, [Channels, Height, Width]);
    }

    /// <summary>
    /// An 8-bit image from a tensor [C, H, W] (C = 1 to 4) of values in [0, 1]: sample = round(255 · clamp(v, 0, 1)),
    /// rounding half to even; NaN becomes 0.
    /// </summary>
    public static Image FromTensor(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Rank != 3 || image.Shape[0] is < 1 or > 4 || image.Shape[1] < 1 || image.Shape[2] < 1)
            throw new ArgumentException($"Image.FromTensor expects [C, H, W] with C = 1 to 4 (grey, grey + alpha, RGB, RGBA) but got {image.DType} {image.Shape}.", nameof(image));
        int channels = image.Shape[0], height = image.Shape[1], width = image.Shape[2], plane = height * width;
        var values = image.Contiguous().ToArray<double>();
        var samples = new byte[values.Length];
        for (int c = 0; c < channels; c++)
            for (int p = 0; p < plane; p++)
            {
                double v = values[c * plane + p];
                samples[p * channels + c] = double.IsNaN(v) ? (byte)0 : (byte)Math.Round(255 * Math.Clamp(v, 0, 1));
            }
        return new Image(width, height, channels, samples);
    }

    /// <summary>For example <c>Image(640×480, 3 channels, 8-bit)</c>.</summary>
    public override string ToString() => $"Image({Width}×{Height}, {Channels} channels, {BitDepth}-bit)";
}
