using System.CommandLine;
using Dendrite.Cli.Datasets;
using Dendrite.Data;

namespace Dendrite.Cli.Commands;

/// <summary><c>dendrite datasets [--download NAME…]</c>: lists the built-in datasets and where they were found, or downloads some.</summary>
internal static class DatasetsCommand
{
    /// <summary>The environment variable that replaces the mirror list, like <c>--mirror</c> (several URLs separated by spaces or ';').</summary>
    public const string MirrorVariable = "DENDRITE_MIRROR";

    public static Command Create()
    {
        var download = new Option<string[]>("--download")
        {
            Description = "Download these datasets into the cache: " + string.Join(", ", DatasetCatalog.All.Where(d => d.CanDownload).Select(d => d.Name)),
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var cache = new Option<string?>("--cache") { Description = $"Cache root (default ${DatasetCache.EnvironmentVariable} or ~/.cache/dendrite)" };
        var mirror = new Option<string[]>("--mirror")
        {
            Description = $"Base URL to fetch files from instead of the public mirrors; repeat to try several in order ({{dataset}} is replaced by the name; also ${MirrorVariable})",
        };

        var command = new Command("datasets", "List the built-in datasets, or download some with --download") { download, cache, mirror };
        command.SetAction(async (parse, cancel) =>
        {
            string? cacheRoot = parse.GetValue(cache);
            string[] names = parse.GetValue(download) ?? [];
            if (names.Length == 0)
            {
                bool colour = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
                CatalogTable.Write(Console.Out, DatasetCatalog.All, cacheRoot, DataFolder.Find(), colour);
                return 0;
            }
            var datasets = names.Select(Downloadable).DistinctBy(d => d.Name).ToList();
            var mirrors = Mirrors(parse.GetValue(mirror));
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("dendrite");
            var downloader = new DatasetDownloader(http, Console.Out, Console.Error, live: !Console.IsOutputRedirected);
            foreach (var dataset in datasets)
            {
                string folder = DatasetCache.FolderFor(dataset.Name, cacheRoot);
                await downloader.DownloadAsync(dataset, folder, mirrors ?? dataset.Mirrors, cancel);
                Console.WriteLine($"{dataset.Name}: complete in {folder}");
            }
            return 0;
        });
        return command;
    }

    private static DatasetInfo Downloadable(string name)
    {
        var valid = string.Join(", ", DatasetCatalog.All.Where(d => d.CanDownload).Select(d => d.Name));
        var dataset = DatasetCatalog.TryFind(name) ?? throw new CliException($"unknown dataset '{name}'; can download: {valid} " +
            $"(all datasets: {string.Join(", ", DatasetCatalog.Names)}).");
        if (dataset.CanDownload) return dataset;
        string why = dataset.Kind switch
        {
            DatasetKind.Generated => "is generated and needs no files",
            DatasetKind.FromPath => "is read from a path you give",
            _ => "has no public mirror; it comes with the shared data folder",
        };
        throw new CliException($"'{dataset.Name}' {why}; can download: {valid}.");
    }

    /// <summary>The mirrors that replace every dataset's own: <c>--mirror</c> values, else <c>$DENDRITE_MIRROR</c>, else null.</summary>
    private static IReadOnlyList<string>? Mirrors(string[]? given)
    {
        string[] mirrors = given is { Length: > 0 }
            ? given
            : (Environment.GetEnvironmentVariable(MirrorVariable) ?? "").Split([' ', ';', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        foreach (string m in mirrors)
        {
            if (!Uri.TryCreate(m.Replace("{dataset}", "x", StringComparison.Ordinal), UriKind.Absolute, out var uri) ||
                (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new CliException($"mirror '{m}' is not an http:// or https:// URL.");
        }
        return mirrors.Length > 0 ? mirrors : null;
    }
}
