namespace Dendrite.Data;

/// <summary>
/// MNIST handwritten digits (LeCun, Bottou, Bengio, Haffner 1998): 28×28 grayscale images of the digits 0–9,
/// 60,000 for training and 10,000 for testing, read from the four IDX files in <c>mnist/</c>.
/// </summary>
/// <remarks>
/// X is float32 with pixel / 255 in [0, 1]: [n, 784] (row-major pixels, <c>flatten: true</c>) for a fully connected
/// network, or [n, 1, 28, 28] for a CNN. Y is Int32 [n] holding the digit.
/// </remarks>
public static class Mnist
{
    /// <summary>Side of each square image in pixels.</summary>
    public const int ImageSize = 28;

    /// <summary>Features per flattened image: 28·28 = 784.</summary>
    public const int Features = ImageSize * ImageSize;

    /// <summary>Number of classes.</summary>
    public const int Classes = 10;

    /// <summary>Loads the training (60,000) or test (10,000) images and labels.</summary>
    /// <param name="folder">The folder of the IDX files (<c>.gz</c> or raw); default <c>mnist/</c> in <see cref="DataFolder.Find"/>.</param>
    /// <param name="train">The training set when true, the test set when false.</param>
    /// <param name="flatten">X as [n, 784] when true, [n, 1, 28, 28] when false.</param>
    public static (Tensor X, Tensor Y) Load(string? folder = null, bool train = true, bool flatten = true) =>
        MnistFormat.Load("MNIST", "mnist", folder, train, flatten);
}
