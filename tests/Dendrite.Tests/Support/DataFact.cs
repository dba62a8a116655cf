using Dendrite.Data;

namespace Dendrite.Tests.Support;

/// <summary>A fact that needs the shared data folder; it is skipped, with the reason shown, when the folder is absent.</summary>
public sealed class DataFactAttribute : FactAttribute
{
    /// <summary>Marks the test skipped when <see cref="DataFolder.Find"/> finds nothing.</summary>
    public DataFactAttribute()
    {
        if (DataFolder.Find() is null)
            Skip = $"shared data folder not found (set {DataFolder.EnvironmentVariable} to the folder holding catvnoncat_raw/, " +
                   "or run from below a folder containing shared/data)";
    }
}
