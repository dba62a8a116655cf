namespace Dendrite.Data;

/// <summary>Finds the shared data folder that holds the course's data sets (e.g. <c>catvnoncat_raw/</c>).</summary>
public static class DataFolder
{
    /// <summary>The environment variable that names the data folder explicitly.</summary>
    public const string EnvironmentVariable = "DENDRITE_DATA";

    /// <summary>
    /// The data folder: <c>$DENDRITE_DATA</c> when set (null if that folder does not exist), otherwise the first
    /// <c>shared/data</c> found walking up from the current directory, then from <see cref="AppContext.BaseDirectory"/>;
    /// null when there is none.
    /// </summary>
    public static string? Find()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        return WalkUp(Directory.GetCurrentDirectory()) ?? WalkUp(AppContext.BaseDirectory);
    }

    /// <summary>The data folder, or an exception telling how to point to it.</summary>
    /// <param name="what">What needs the folder, for the message (e.g. "CatVsNonCat").</param>
    public static string Require(string what)
    {
        return Find() ?? throw new DirectoryNotFoundException(
            $"{what}: the shared data folder was not found. Set {EnvironmentVariable} to it " +
            $"(currently '{Environment.GetEnvironmentVariable(EnvironmentVariable)}'), or run from below a folder containing shared/data.");
    }

    private static string? WalkUp(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
