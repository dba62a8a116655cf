using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Shipping;

/// <summary>
/// <c>dotnet pack</c> of the library, the console add-on and the CLI into a local feed; the tool installed from that
/// feed trains the planar spec, and a consumer project that restores the library from the feed trains through the
/// public API. Packages restore into a private cache, so a stale global cache cannot hide a broken package.
/// </summary>
[Collection(ShippingCollection.Name)]
public sealed partial class PackageTests(SourceCopy sources)
{
    private const string Version = "0.1.0";

    [Fact]
    public void Packages_carry_readme_licence_docs_symbols_and_the_tool_installs_and_consumers_train()
    {
        string feed = Pack();
        string scratch = Directory.CreateTempSubdirectory("dendrite-consumer-").FullName;
        try
        {
            var cache = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(scratch, "packages") };
            InstalledToolTrainsPlanar(feed, scratch, cache);
            ConsumerTrainsThroughThePublicApi(feed, scratch, cache);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private string Pack()
    {
        string feed = sources.Folder("feed");
        foreach (string project in new[] { "Dendrite", "Dendrite.Terminal", "Dendrite.Cli" })
            Command.Succeed("dotnet", ["pack", Path.Combine(sources.Root, "src", project), "-c", "Release", "-o", feed], sources.Root);

        using (var library = ZipFile.OpenRead(Path.Combine(feed, $"Dendrite.{Version}.nupkg")))
        {
            var entries = library.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Superset(new HashSet<string> { "README.md", "LICENSE", "lib/net10.0/Dendrite.dll", "lib/net10.0/Dendrite.xml" }, entries);
            var nuspec = Nuspec(library, "Dendrite.nuspec");
            Assert.Equal("MIT", Element(nuspec, "license").Value);
            Assert.Equal("README.md", Element(nuspec, "readme").Value);
            var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
            Assert.Contains("System.Numerics.Tensors", dependencies);
            Assert.DoesNotContain("Spectre.Console", dependencies); // the console UI lives in Dendrite.Terminal
        }
        using (var symbols = ZipFile.OpenRead(Path.Combine(feed, $"Dendrite.{Version}.snupkg")))
            Assert.Contains("lib/net10.0/Dendrite.pdb", symbols.Entries.Select(e => e.FullName));
        using (var terminal = ZipFile.OpenRead(Path.Combine(feed, $"Dendrite.Terminal.{Version}.nupkg")))
        {
            var dependencies = Nuspec(terminal, "Dendrite.Terminal.nuspec").Descendants().Where(e => e.Name.LocalName == "dependency")
                .Select(e => (string)e.Attribute("id")!).ToList();
            Assert.Equal(["Dendrite", "Spectre.Console"], dependencies.Order());
        }
        using (var tool = ZipFile.OpenRead(Path.Combine(feed, $"Dendrite.Cli.{Version}.nupkg")))
        {
            var settings = tool.Entries.Single(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
            using var reader = new StreamReader(settings.Open());
            Assert.Contains("Name=\"dendrite\"", reader.ReadToEnd());
            Assert.Equal("DotnetTool", Element(Nuspec(tool, "Dendrite.Cli.nuspec"), "packageType").Attribute("name")!.Value);
        }
        return feed;
    }

    private static void InstalledToolTrainsPlanar(string feed, string scratch, Dictionary<string, string> cache)
    {
        string tools = Path.Combine(scratch, "tools");
        Command.Succeed("dotnet", ["tool", "install", "Dendrite.Cli", "--version", Version, "--tool-path", tools, "--add-source", feed], scratch, cache);
        string output = Command.Succeed(Path.Combine(tools, "dendrite"), ["train", "planar", "--out", Path.Combine(scratch, "run")], scratch);
        Assert.Matches(@"Cost after iteration 9999: 0\.21\d+", output);
        Assert.True(File.Exists(Path.Combine(scratch, "run", "report.html")), output);
        Assert.Contains(Version, Command.Succeed(Path.Combine(tools, "dendrite"), ["--version"], scratch));
    }

    private static void ConsumerTrainsThroughThePublicApi(string feed, string scratch, Dictionary<string, string> cache)
    {
        string project = Directory.CreateDirectory(Path.Combine(scratch, "consumer")).FullName;
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><add key="dendrite-local" value="{feed}" /></packageSources></configuration>
            """);
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><PackageReference Include="Dendrite" Version="{Version}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using Dendrite;
            using Dendrite.Data;
            using Dendrite.NN;
            using Dendrite.Optim;
            using Dendrite.Training;

            var (x, y) = PlanarFlower.Generate(seed: 1);
            var model = new Sequential(
                new Dense(2, 4, init: Init.Xavier, random: new Random(2)), new Tanh(),
                new Dense(4, 1, init: Init.Xavier, random: new Random(3)), new Sigmoid());
            var trainer = new Trainer(model, new Sgd(model.Parameters(), learningRate: 1.2), Loss.BinaryCrossEntropy, [new Accuracy()]);
            trainer.Fit(new DataLoader(new TensorDataset(x, y), batchSize: 400, shuffle: false), null, epochs: 3000);
            Console.WriteLine($"accuracy {Accuracy.Binary(model, x, y):F4}");
            """);
        string output = Command.Succeed("dotnet", ["run", "-c", "Release"], project, cache);
        double accuracy = double.Parse(AccuracyLine().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(accuracy > 0.85, output);
        Assert.True(Directory.Exists(Path.Combine(scratch, "packages", "dendrite", Version)), "Dendrite was not restored from the local feed");
    }

    private static XDocument Nuspec(ZipArchive package, string name)
    {
        using var stream = package.GetEntry(name)!.Open();
        return XDocument.Load(stream);
    }

    private static XElement Element(XDocument nuspec, string name) => nuspec.Descendants().First(e => e.Name.LocalName == name);

    [GeneratedRegex(@"accuracy ([0-9.]+)")]
    private static partial Regex AccuracyLine();
}
