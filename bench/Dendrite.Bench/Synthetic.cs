namespace Dendrite.Bench;

/// <summary>Seeded synthetic data like the peers': uniform [0, 1) pixels, standard normal values, random labels.</summary>
internal static class Synthetic
{
    /// <summary>Pixel-like values drawn from U[0, 1), as torch.rand.</summary>
    public static Tensor Pixels(Shape shape, Random random) => Tensor.Uniform(shape, 0, 1, random);

    /// <summary>Standard normal values, as torch.randn.</summary>
    public static Tensor Randn(Shape shape, Random random) => Tensor.Normal(shape, 0, 1, random);

    /// <summary>Int32 class labels [count] drawn uniformly from 0 … classes − 1, as torch.randint.</summary>
    public static Tensor Labels(int count, int classes, Random random)
    {
        var labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = random.Next(classes);
        return Tensor.FromArray(labels, [count]);
    }
}
