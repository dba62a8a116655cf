namespace Dendrite.Cli.Datasets;

/// <summary>One file of a file-based dataset, under its canonical name.</summary>
/// <param name="Name">The file name in the dataset's folder (e.g. <c>train-images-idx3-ubyte.gz</c>).</param>
/// <param name="Bytes">The file's size, when known; a file of another size is incomplete.</param>
/// <param name="Md5">The canonical MD5 as lower-case hex, when known; downloads are checked against it.</param>
internal sealed record DatasetFile(string Name, long? Bytes = null, string? Md5 = null);
