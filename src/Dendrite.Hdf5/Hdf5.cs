using PureHDF;

namespace Dendrite.Data;

/// <summary>
/// Reads numeric HDF5 datasets as tensors through PureHDF, a managed HDF5 reader: the course's <c>.h5</c> files
/// (<c>train_set_x</c> uint8 [m, 64, 64, 3], <c>train_set_y</c> int64 [m]) and the weights in Keras's <c>.h5</c> files.
/// </summary>
/// <remarks>
/// <para>Float32 datasets become Float32 tensors and float64 ones Float64; integers (8, 16, 32 or 64 bits, signed or
/// unsigned) become Int32, and a 64-bit or unsigned 32-bit value outside int32's range fails the read with the file,
/// dataset, element and value. The shape is the dataset's, in HDF5's row-major order.</para>
/// <para>Every defect (missing file, no such dataset, an unsupported type) is an <see cref="InvalidDataException"/>
/// or <see cref="FileNotFoundException"/> whose message starts with the file's name.</para>
/// </remarks>
public static class Hdf5
{
    /// <summary>Reads the dataset at <paramref name="name"/> (a path such as <c>test_set_x</c> or <c>dense/dense/kernel:0</c>).</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file has no such dataset, or its type is not numeric.</exception>
    public static Tensor Read(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var file = Open(path);
        return ToTensor(Dataset(file, name, path), $"{path}: dataset '{name}'");
    }

    /// <summary>Opens an HDF5 file for reading; failures name the file.</summary>
    internal static PureHDF.VOL.Native.NativeFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such HDF5 file.", path);
        try
        {
            return H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not (IOException or InvalidDataException))
        {
            throw new InvalidDataException($"{path}: not a readable HDF5 file ({e.Message}).", e);
        }
    }

    /// <summary>The dataset at <paramref name="name"/> under <paramref name="group"/>, or an error naming the file and the links there.</summary>
    internal static IH5Dataset Dataset(IH5Group group, string name, string path)
    {
        if (!group.LinkExists(name) || group.Get(name) is not IH5Dataset dataset)
            throw new InvalidDataException($"{path}: no dataset '{name}' in group '{group.Name}' (it holds: " +
                                           $"{string.Join(", ", group.Children().Select(c => c.Name))}).");
        return dataset;
    }

    /// <summary>The dataset's values as a tensor of its shape; <paramref name="what"/> names it in errors.</summary>
    internal static Tensor ToTensor(IH5Dataset dataset, string what)
    {
        var shape = new Shape([.. dataset.Space.Dimensions.Select(d => checked((int)d))]);
        var type = dataset.Type;
        switch (type.Class, type.Size)
        {
            case (H5DataTypeClass.FloatingPoint, 4): return Tensor.FromArray(dataset.Read<float[]>(), shape);
            case (H5DataTypeClass.FloatingPoint, 8): return Tensor.FromArray(dataset.Read<double[]>(), shape);
            case (H5DataTypeClass.FixedPoint, 1 or 2 or 4 or 8): return Tensor.FromArray(Integers(dataset, type, what), shape);
            default:
                throw new InvalidDataException($"{what} has HDF5 type {type.Class} of {type.Size} bytes; only float32, float64 and integers are read.");
        }
    }

    private static int[] Integers(IH5Dataset dataset, IH5DataType type, string what)
    {
        bool signed = type.FixedPoint.IsSigned;
        return type.Size switch
        {
            1 when signed => Array.ConvertAll(dataset.Read<sbyte[]>(), v => (int)v),
            1 => Array.ConvertAll(dataset.Read<byte[]>(), v => (int)v),
            2 when signed => Array.ConvertAll(dataset.Read<short[]>(), v => (int)v),
            2 => Array.ConvertAll(dataset.Read<ushort[]>(), v => (int)v),
            4 when signed => dataset.Read<int[]>(),
            4 => Narrow(Array.ConvertAll(dataset.Read<uint[]>(), v => (long)v), what),
            _ when signed => Narrow(dataset.Read<long[]>(), what),
            _ => Narrow(Array.ConvertAll(dataset.Read<ulong[]>(), v => v > long.MaxValue ? long.MaxValue : (long)v), what),
        };
    }

    private static int[] Narrow(long[] values, string what)
    {
        var ints = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is < int.MinValue or > int.MaxValue)
                throw new InvalidDataException($"{what}: element {i} is {values[i]}, outside the int32 range Dendrite's integer tensors hold.");
            ints[i] = (int)values[i];
        }
        return ints;
    }
}
