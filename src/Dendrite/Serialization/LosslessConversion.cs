using System.Globalization;

namespace Dendrite.Serialization;

/// <summary>
/// Converts a loaded tensor to the dtype of the model tensor it fills, refusing any conversion that would change a
/// value: an integer into float32 must satisfy |v| ≤ 2^24 (float32 has a 24-bit significand, so 2^24 + 1 is the first
/// integer it cannot hold), and a float into int32 must be a whole number in [−2^31, 2^31).
/// </summary>
/// <remarks>Float64 → float32 rounds, as PyTorch's <c>load_state_dict</c> does when a model is float32: a double
/// checkpoint is a normal thing to load into a float model, and the rounding is the intended one.</remarks>
internal static class LosslessConversion
{
    /// <summary>The largest integer magnitude up to which every integer is exactly a float32: 2^24.</summary>
    public const int Float32ExactIntegers = 1 << 24;

    /// <summary>
    /// <paramref name="value"/> as <paramref name="dtype"/>; <paramref name="what"/> names the file and tensor in the error
    /// (e.g. <c>model.safetensors: tensor 'bn.num_batches_tracked'</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A value would change in the conversion; the message names it and its index.</exception>
    public static Tensor To(Tensor value, DType dtype, string what)
    {
        if (value.DType == dtype) return value;
        if (value.DType == DType.Int32 && dtype == DType.Float32)
        {
            var ints = value.Contiguous().ToArray<int>();
            for (int i = 0; i < ints.Length; i++)
                if (ints[i] is > Float32ExactIntegers or < -Float32ExactIntegers)
                    throw Lossy(what, i, ints[i].ToString(CultureInfo.InvariantCulture), value.DType, dtype,
                        $"float32 holds integers exactly only up to 2^24 = {Float32ExactIntegers:N0}");
        }
        else if (dtype == DType.Int32)
        {
            var doubles = value.Contiguous().ToArray<double>();
            for (int i = 0; i < doubles.Length; i++)
                if (doubles[i] != Math.Floor(doubles[i]) || doubles[i] < int.MinValue || doubles[i] > int.MaxValue)
                    throw Lossy(what, i, doubles[i].ToString("R", CultureInfo.InvariantCulture), value.DType, dtype,
                        "int32 holds only whole numbers in [-2^31, 2^31)");
        }
        return value.To(dtype);
    }

    private static ArgumentException Lossy(string what, int index, string number, DType from, DType to, string why) =>
        new($"{what}: element {index} is {number}, which {to} cannot hold exactly ({from} → {to}: {why}); " +
            "refusing a conversion that would change the value.");
}
