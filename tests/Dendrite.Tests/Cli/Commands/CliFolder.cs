namespace Dendrite.Tests.Cli.Commands;

/// <summary>A temporary working folder for CLI process tests, deleted afterwards.</summary>
public sealed class CliFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dendrite-cli-" + Guid.NewGuid().ToString("N"));

    public CliFolder() => Directory.CreateDirectory(Path);

    public string File(string name, string? text = null)
    {
        string full = System.IO.Path.Combine(Path, name);
        if (text is not null) System.IO.File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
