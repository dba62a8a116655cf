using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>
/// Keeps NaN and ±∞ out of training and prediction: a ReLU network fed one trains "successfully" (the forward pass hides
/// it, the weight gradient does not) and writes NaN weights. Refuses, drops or keeps them as <c>data.non_finite</c> says.
/// </summary>
internal static class FiniteData
{
    /// <summary>
    /// <paramref name="data"/> checked under <paramref name="handling"/>: error refuses it naming the first non-finite
    /// value's index, drop leaves out each example whose inputs or float targets hold one, allow returns it unchanged.
    /// </summary>
    public static LoadedData Apply(LoadedData data, NonFiniteHandling handling, string source)
    {
        switch (handling)
        {
            case NonFiniteHandling.Allow:
                return data;
            case NonFiniteHandling.Error:
                Require(data.X, source, "x");
                Require(data.Y, source, "y");
                if (data.TestX is not null) Require(data.TestX, source, "test x");
                if (data.TestY is not null) Require(data.TestY, source, "test y");
                return data;
            default:
                var (x, y) = Drop(data.X, data.Y, source);
                var (testX, testY) = data.TestX is null ? (null, null) : Drop(data.TestX, data.TestY!, source + " (test set)");
                return data with { X = x, Y = y, TestX = testX, TestY = testY };
        }
    }

    /// <summary><paramref name="tensor"/> when every element is finite; else an error naming <paramref name="source"/>, the array and the index.</summary>
    public static Tensor Require(Tensor tensor, string source, string what)
    {
        if (NonFinite.First(tensor) is var (index, value))
            throw new CliException($"{source}: {what}[{string.Join(", ", index)}] is {NonFinite.Name(value)}; non-finite values are refused " +
                                   "(set data.non_finite: drop to leave out such examples, or allow to keep them)");
        return tensor;
    }

    private static (Tensor X, Tensor Y) Drop(Tensor x, Tensor y, string source)
    {
        bool[] badX = NonFinite.Rows(x), badY = NonFinite.Rows(y);
        int[] keep = [.. Enumerable.Range(0, x.Shape[0]).Where(i => !badX[i] && !badY[i])];
        if (keep.Length == x.Shape[0]) return (x, y);
        if (keep.Length == 0) throw new CliException($"{source}: every example holds a NaN or ±∞ value, so data.non_finite: drop leaves none");
        return (x.SelectRows(keep), y.SelectRows(keep));
    }
}
