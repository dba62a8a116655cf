namespace Dendrite.Cli.Datasets;

/// <summary>The built-in datasets: generated ones, file-based ones, and the generic from-a-path readers.</summary>
/// <remarks>The MD5s are the canonical ones (as torchvision checks them), listed in shared/data/*/README.md.</remarks>
internal static class DatasetCatalog
{
    private static readonly string[] MnistMirrors =
        ["https://ossci-datasets.s3.amazonaws.com/mnist/", "https://yann.lecun.com/exdb/mnist/"];

    private static readonly string[] FashionMnistMirrors = ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"];

    /// <summary>Every dataset, generated ones first.</summary>
    public static IReadOnlyList<DatasetInfo> All { get; } =
    [
        Generated("planar", "the course's two-class flower in the plane (PlanarFlower)", "binary", "400"),
        Generated("moons", "two interleaving half circles with Gaussian noise (Moons)", "binary", "300"),
        Generated("circles", "a small circle inside a larger one (Circles)", "binary", "300"),
        Generated("spirals", "CS231n's spiral arms, one class per arm (Spirals)", "multiclass (3)", "300"),
        Generated("blobs", "isotropic Gaussian clusters, one class per cluster (Blobs)", "multiclass (3)", "300"),
        Generated("xor", "XOR of the quadrants: 1 in the second and fourth (Xor)", "binary", "200"),
        new("mnist", DatasetKind.Files, "handwritten digits 0–9, 28×28 grayscale (Mnist)", "multiclass (10)", "60,000 + 10,000", "784 (1×28×28)")
        {
            SharedSubfolder = "mnist",
            Mirrors = MnistMirrors,
            Files =
            [
                new("train-images-idx3-ubyte.gz", 9912422, "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
                new("train-labels-idx1-ubyte.gz", 28881, "d53e105ee54ea40749a09fcbcd1e9432"),
                new("t10k-images-idx3-ubyte.gz", 1648877, "9fb629c4189551a2d022fa330f9573f3"),
                new("t10k-labels-idx1-ubyte.gz", 4542, "ec29112dd5afa0611ce80d1b7f02629c"),
            ],
        },
        new("fashion-mnist", DatasetKind.Files, "Zalando articles in 10 classes, 28×28 grayscale (FashionMnist)", "multiclass (10)",
            "60,000 + 10,000", "784 (1×28×28)")
        {
            SharedSubfolder = "fashion-mnist",
            Mirrors = FashionMnistMirrors,
            Files =
            [
                new("train-images-idx3-ubyte.gz", 26421880, "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                new("train-labels-idx1-ubyte.gz", 29515, "25c81989df183df01b3e8a0aad5dffbe"),
                new("t10k-images-idx3-ubyte.gz", 4422102, "bef4ecab320f06d8554ea6380940ec79"),
                new("t10k-labels-idx1-ubyte.gz", 5148, "bb300cfdad3c16e7a12a480ee83cd310"),
            ],
        },
        new("catvnoncat", DatasetKind.Files, "the course's 64×64 RGB cat / non-cat photos (CatVsNonCat)", "binary", "209 + 50", "12288 (64×64×3)")
        {
            SharedSubfolder = "catvnoncat_raw",
            Files =
            [
                new("train_x_209x64x64x3.u8", 2568192), new("train_y.csv"),
                new("test_x_50x64x64x3.u8", 614400), new("test_y.csv"),
            ],
        },
        new("football", DatasetKind.Files, "the Regularization exercise's kicks on a football field (Regularization)", "binary", "211 + 200", "2")
        {
            SharedSubfolder = "regularization",
            Files = [new("train_X.csv"), new("train_Y.csv"), new("test_X.csv"), new("test_Y.csv")],
        },
        FromPath("csv", "a table from a path: feature columns and a label column, gzip allowed (Csv)"),
        FromPath("npy", "an array from a .npy file (Npy)"),
        FromPath("npz", "named arrays from a .npz archive, e.g. X and Y (Npz)"),
    ];

    /// <summary>The names, in catalog order.</summary>
    public static IEnumerable<string> Names => All.Select(d => d.Name);

    /// <summary>The dataset called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static DatasetInfo? TryFind(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The dataset called <paramref name="name"/>, or a user error listing the valid names.</summary>
    public static DatasetInfo Find(string name) =>
        TryFind(name) ?? throw new CliException($"unknown dataset '{name}'; valid names: {string.Join(", ", Names)}.");

    private static DatasetInfo Generated(string name, string description, string task, string examples) =>
        new(name, DatasetKind.Generated, description, task, examples, "2");

    private static DatasetInfo FromPath(string name, string description) =>
        new(name, DatasetKind.FromPath, description, "any", "from file", "from file");
}
