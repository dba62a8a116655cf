using Dendrite.Data;

namespace Dendrite.Tests.Cli.Datasets;

/// <summary>A fact that serves the shared MNIST files; skipped, with the reason shown, when <c>shared/data/mnist</c> is absent.</summary>
public sealed class SharedMnistFactAttribute : FactAttribute
{
    /// <summary>Marks the test skipped when <see cref="DataFolder.Find"/> has no <c>mnist/</c> folder.</summary>
    public SharedMnistFactAttribute()
    {
        if (SharedMnist.Folder is null)
            Skip = $"the shared MNIST files were not found (set {DataFolder.EnvironmentVariable} to the folder holding mnist/, " +
                   "or run from below a folder containing shared/data)";
    }
}

/// <summary>The shared data folder's <c>mnist/</c>, served by the test mirrors.</summary>
internal static class SharedMnist
{
    /// <summary>The folder, or null when the shared data folder or its <c>mnist/</c> is absent.</summary>
    public static string? Folder =>
        DataFolder.Find() is { } data && Directory.Exists(Path.Combine(data, "mnist")) ? Path.Combine(data, "mnist") : null;
}
