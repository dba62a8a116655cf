using System.Text.RegularExpressions;
using Dendrite.Tests.Shipping;

namespace Dendrite.Tests.Structure;

/// <summary>The source layout's rules: one public type per file, named after it, and no folder past ~20 files.</summary>
public partial class FileLayoutTests
{
    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(SourceCopy.Repository, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void Each_public_type_lives_in_a_file_of_its_own_name()
    {
        var misplaced = new List<string>();
        foreach (string file in SourceFiles())
        {
            string stem = Path.GetFileName(file).Split('.')[0]; // Tensor.Views.cs holds a part of Tensor
            foreach (Match m in PublicTopLevelType().Matches(File.ReadAllText(file)))
                if (m.Groups[1].Value != stem) misplaced.Add($"{Path.GetRelativePath(SourceCopy.Repository, file)}: {m.Groups[1].Value}");
        }
        Assert.True(misplaced.Count == 0, "public types outside a file of their own name:\n" + string.Join("\n", misplaced));
    }

    [Fact]
    public void No_source_folder_holds_more_than_twenty_files()
    {
        var crowded = SourceFiles().GroupBy(Path.GetDirectoryName).Where(g => g.Count() > 20)
            .Select(g => $"{Path.GetRelativePath(SourceCopy.Repository, g.Key!)}: {g.Count()} files").ToList();
        Assert.True(crowded.Count == 0, "folders to split by concept:\n" + string.Join("\n", crowded));
    }

    [GeneratedRegex(@"^public (?:sealed |static |abstract |readonly |partial )*(?:class|struct|interface|record struct|record|enum|delegate [\w<>?,\s]+?)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex PublicTopLevelType();
}
