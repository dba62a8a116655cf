namespace Dendrite.Cli.Datasets;

/// <summary>Prints the catalog as a plain-text table with aligned columns, bold headers and coloured places only on a terminal.</summary>
internal static class CatalogTable
{
    private static readonly string[] Headers = ["NAME", "KIND", "TASK", "EXAMPLES", "FEATURES", "DESCRIPTION", "WHERE"];

    /// <summary>Writes one row per dataset; <paramref name="colour"/> adds ANSI styles (never when the output is redirected).</summary>
    public static void Write(TextWriter output, IReadOnlyList<DatasetInfo> datasets, string? cacheRoot, string? dataFolder, bool colour)
    {
        var rows = datasets.Select(d => Row(d, DatasetCache.Where(d, cacheRoot, dataFolder))).ToList();
        int[] widths = [.. Headers.Select((h, c) => Math.Max(h.Length, rows.Max(r => r.Cells[c].Length)))];
        output.WriteLine(Style(Line(Headers, widths), "1", colour));
        foreach (var (cells, place) in rows)
        {
            string line = Line(cells, widths);
            output.WriteLine(place == "missing" ? Style(line, "2", colour) : line);
        }
        output.WriteLine();
        output.WriteLine($"cache: {DatasetCache.Root(cacheRoot)}   shared data: {dataFolder ?? "not found"}");
        output.WriteLine("Download with: dendrite datasets --download " +
                         string.Join(' ', datasets.Where(d => d.CanDownload).Select(d => d.Name)));
    }

    private static (string[] Cells, string Place) Row(DatasetInfo d, DatasetPlace place)
    {
        string kind = d.Kind switch
        {
            DatasetKind.Generated => "generated",
            DatasetKind.FromPath => "path",
            _ => d.CanDownload ? "download" : "files",
        };
        string where = place.Folder is null ? place.Label : $"{place.Label}: {place.Folder}";
        return ([d.Name, kind, d.Task, d.Examples, d.Features, d.Description, where], place.Label);
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Style(string text, string code, bool colour) => colour ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
