namespace Dendrite.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 28×28 grayscale images of Zalando articles in 10 classes, 60,000 for
/// training and 10,000 for testing, in MNIST's IDX layout, read from <c>fashion-mnist/</c>.
/// </summary>
/// <remarks>X and Y as for <see cref="Mnist"/>: float32 [n, 784] or [n, 1, 28, 28] in [0, 1], and Int32 [n].</remarks>
public static class FashionMnist
{
    /// <summary>The class names by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Loads the training (60,000) or test (10,000) images and labels.</summary>
    /// <param name="folder">The folder of the IDX files (<c>.gz</c> or raw); default <c>fashion-mnist/</c> in <see cref="DataFolder.Find"/>.</param>
    /// <param name="train">The training set when true, the test set when false.</param>
    /// <param name="flatten">X as [n, 784] when true, [n, 1, 28, 28] when false.</param>
    public static (Tensor X, Tensor Y) Load(string? folder = null, bool train = true, bool flatten = true) =>
        MnistFormat.Load("Fashion-MNIST", "fashion-mnist", folder, train, flatten);
}
