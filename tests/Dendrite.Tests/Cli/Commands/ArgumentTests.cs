using Dendrite.Tests.Support;

namespace Dendrite.Tests.Cli.Commands;

/// <summary>Counts that make no sense are errors that name the option, not runs that do nothing and exit 0.</summary>
public class ArgumentTests
{
    [Theory]
    [InlineData("--epochs: expected at least 1 but got 0", "train", "planar", "--epochs", "0", "--quiet")]
    [InlineData("--epochs: expected at least 1 but got -5", "train", "planar", "--epochs", "-5", "--quiet")]
    [InlineData("--examples: expected at least 2 but got -5", "gradcheck", "planar", "--examples", "-5")]
    [InlineData("--trials: expected at least 1 but got 0", "tune", "planar", "--trials", "0")]
    [InlineData("--rounds: expected at least 1 but got -1", "tune", "planar", "--rounds", "-1")]
    public void Nonsense_counts_fail_naming_the_option(string expected, params string[] args)
    {
        string folder = Directory.CreateTempSubdirectory("dendrite-args-").FullName;
        try
        {
            var r = CliRunner.Run(folder, null, args);
            Assert.NotEqual(0, r.ExitCode);
            Assert.Contains(expected, r.Error);
            Assert.DoesNotContain("   at ", r.Error); // no stack trace
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder)); // nothing written
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
