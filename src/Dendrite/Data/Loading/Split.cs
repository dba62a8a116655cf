namespace Dendrite.Data;

/// <summary>
/// Seeded random splits into disjoint parts that together cover every example: train / dev / test, and the
/// train-dev set the course uses to tell variance from data mismatch.
/// </summary>
/// <remarks>
/// The examples are shuffled with a seeded Fisher–Yates pass, then cut at round(m·(f₁ + … + fₖ)) for each running sum
/// of the fractions, so the parts' sizes differ from m·fₖ by less than one and always add up to m.
/// </remarks>
public static class Split
{
    /// <summary>Partitions 0…m−1 into parts of the given fractions (non-negative, summing to 1), shuffled by <paramref name="seed"/>.</summary>
    /// <param name="count">Number of examples m.</param>
    /// <param name="fractions">The share of each part.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public static int[][] Indices(int count, ReadOnlySpan<double> fractions, int seed = 0)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"Split: count must be non-negative but is {count}.");
        double sum = 0;
        foreach (double f in fractions)
        {
            if (!(f >= 0)) throw new ArgumentOutOfRangeException(nameof(fractions), $"Split: fractions must be non-negative but one is {f}.");
            sum += f;
        }
        if (fractions.Length == 0 || Math.Abs(sum - 1) > 1e-9)
            throw new ArgumentException($"Split: the fractions [{string.Join(", ", fractions.ToArray())}] must sum to 1 but sum to {sum}.", nameof(fractions));
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        new Random(seed).Shuffle(order);
        var parts = new int[fractions.Length][];
        double running = 0;
        for (int p = 0, start = 0; p < parts.Length; p++)
        {
            running += fractions[p];
            int end = p == parts.Length - 1 ? count : (int)Math.Round(count * running, MidpointRounding.AwayFromZero);
            end = Math.Clamp(end, start, count);
            parts[p] = order[start..end];
            start = end;
        }
        return parts;
    }

    /// <summary>Splits a dataset into train, dev and test subsets (e.g. 0.6/0.2/0.2 for small data, 0.98/0.01/0.01 for big data).</summary>
    /// <param name="dataset">The examples.</param>
    /// <param name="train">Fraction for training.</param>
    /// <param name="dev">Fraction for the dev (hold-out, validation) set.</param>
    /// <param name="test">Fraction for the test set; the three must sum to 1.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public static (Subset Train, Subset Dev, Subset Test) TrainDevTest(IDataset dataset, double train, double dev, double test, int seed = 0)
    {
        var p = Indices(dataset.Count, [train, dev, test], seed);
        return (new Subset(dataset, p[0]), new Subset(dataset, p[1]), new Subset(dataset, p[2]));
    }

    /// <summary>Splits tensors X [m, …] and Y [m, …] into train, dev and test sets, each a <see cref="TensorDataset"/>.</summary>
    /// <param name="x">The inputs, one example per row.</param>
    /// <param name="y">The targets, one per row of <paramref name="x"/>.</param>
    /// <param name="train">Fraction for training.</param>
    /// <param name="dev">Fraction for the dev set.</param>
    /// <param name="test">Fraction for the test set; the three must sum to 1.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public static (TensorDataset Train, TensorDataset Dev, TensorDataset Test) TrainDevTest(Tensor x, Tensor y, double train, double dev, double test, int seed = 0)
    {
        var (a, b, c) = TrainDevTest(new TensorDataset(x, y), train, dev, test, seed);
        return (a.Materialize(), b.Materialize(), c.Materialize());
    }

    /// <summary>Carves a train-dev set out of a training set: same distribution as training, but not trained on.</summary>
    /// <param name="train">The training examples.</param>
    /// <param name="trainDev">Fraction held out as train-dev.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public static (Subset Train, Subset TrainDev) TrainDev(IDataset train, double trainDev, int seed = 0)
    {
        var p = Indices(train.Count, [1 - trainDev, trainDev], seed);
        return (new Subset(train, p[0]), new Subset(train, p[1]));
    }

    /// <summary>
    /// The course's split under data mismatch: plentiful <paramref name="source"/> data (e.g. web images) and scarce
    /// <paramref name="target"/> data (the distribution that matters, e.g. phone pictures). A fraction of the target data
    /// joins the source in the training pool; the rest of the target is halved into dev and test; a train-dev set of the
    /// training pool's distribution is held out. Train-dev error − train error measures variance; dev error − train-dev
    /// error measures data mismatch.
    /// </summary>
    /// <param name="source">Examples of the training distribution only.</param>
    /// <param name="target">Examples of the distribution the model will meet.</param>
    /// <param name="targetInTrain">Fraction of <paramref name="target"/> moved into the training pool.</param>
    /// <param name="trainDev">Fraction of the training pool held out as train-dev.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    public static DataMismatchSplit DataMismatch(IDataset source, IDataset target, double targetInTrain, double trainDev, int seed = 0)
    {
        double rest = (1 - targetInTrain) / 2;
        var t = Indices(target.Count, [targetInTrain, rest, rest], seed);
        var pool = new ConcatDataset(source, new Subset(target, t[0]));
        var (train, held) = TrainDev(pool, trainDev, unchecked(seed * 31 + 17));
        return new DataMismatchSplit(train, held, new Subset(target, t[1]), new Subset(target, t[2]));
    }
}
