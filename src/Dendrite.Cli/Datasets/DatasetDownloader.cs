using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;

namespace Dendrite.Cli.Datasets;

/// <summary>
/// Fetches a dataset's files into a folder, as torchvision does: each file from the first mirror that serves it with
/// the canonical MD5, written atomically (a temporary file renamed into place), skipping files already present and valid.
/// </summary>
/// <param name="http">The client that makes the requests.</param>
/// <param name="output">Receives one progress line per file.</param>
/// <param name="errors">Receives a line for each mirror that failed before the next one is tried.</param>
/// <param name="live">Rewrite a percentage line in place while downloading (for a terminal, not a redirected stream).</param>
internal sealed class DatasetDownloader(HttpClient http, TextWriter output, TextWriter errors, bool live)
{
    private const int BufferSize = 1 << 16;

    /// <summary>Downloads every file of <paramref name="dataset"/> missing or invalid in <paramref name="folder"/>, trying <paramref name="mirrors"/> in order.</summary>
    /// <remarks>Throws a <see cref="CliException"/> naming the file, each URL tried and its problem when no mirror serves a valid copy.</remarks>
    public async Task DownloadAsync(DatasetInfo dataset, string folder, IReadOnlyList<string> mirrors, CancellationToken cancel)
    {
        bool created = !Directory.Exists(folder);
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in dataset.Files)
                await DownloadFileAsync(dataset, file, folder, mirrors, cancel);
        }
        catch when (created)
        {
            RemoveIfEmpty(folder);
            throw;
        }
    }

    private async Task DownloadFileAsync(DatasetInfo dataset, DatasetFile file, string folder, IReadOnlyList<string> mirrors, CancellationToken cancel)
    {
        string label = $"{dataset.Name}/{file.Name}";
        string target = Path.Combine(folder, file.Name);
        if (File.Exists(target))
        {
            string present = await Md5Async(target, cancel);
            if (present == file.Md5)
            {
                output.WriteLine($"{label}: already present with the right MD5, skipped");
                return;
            }
            output.WriteLine($"{label}: present but its MD5 is {present}, not {file.Md5}; downloading it again");
        }
        var tried = new List<string>();
        for (int i = 0; i < mirrors.Count; i++)
        {
            string url = MirrorUrl(mirrors[i], dataset.Name, file.Name);
            string? problem = await TryFetchAsync(url, file, target, label, cancel);
            if (problem is null) return;
            tried.Add($"  {url}: {problem}");
            if (i + 1 < mirrors.Count) errors.WriteLine($"{label}: {url}: {problem}; trying the next mirror");
        }
        throw new CliException($"could not download {label} (into {folder}); tried {tried.Count} URL(s):{Environment.NewLine}" +
                               string.Join(Environment.NewLine, tried));
    }

    /// <summary>Downloads <paramref name="url"/> to <paramref name="target"/> through a temporary file; returns null on success, else the problem.</summary>
    private async Task<string?> TryFetchAsync(string url, DatasetFile file, string target, string label, CancellationToken cancel)
    {
        string temp = Path.Combine(Path.GetDirectoryName(target)!, $".{file.Name}.{Guid.NewGuid():N}.part");
        var clock = Stopwatch.StartNew();
        bool showing = false;
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel);
            if (!response.IsSuccessStatusCode)
                return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
            long? total = response.Content.Headers.ContentLength ?? file.Bytes;
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            long received = 0;
            await using (var source = await response.Content.ReadAsStreamAsync(cancel))
            await using (var sink = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                var buffer = new byte[BufferSize];
                var shown = Stopwatch.StartNew();
                for (int n; (n = await source.ReadAsync(buffer, cancel)) > 0;)
                {
                    md5.AppendData(buffer, 0, n);
                    await sink.WriteAsync(buffer.AsMemory(0, n), cancel);
                    received += n;
                    if (live && shown.ElapsedMilliseconds >= 200)
                    {
                        output.Write($"\r{label}: {Progress(received, total)}");
                        showing = true;
                        shown.Restart();
                    }
                }
                sink.Flush(flushToDisk: true);
            }
            string actual = Convert.ToHexStringLower(md5.GetHashAndReset());
            ClearLine(ref showing);
            if (file.Md5 is not null && actual != file.Md5)
                return $"checksum mismatch: expected MD5 {file.Md5} but the download ({received:N0} bytes) has MD5 {actual}";
            File.Move(temp, target, overwrite: true);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: downloaded {received:N0} bytes from {url} in {clock.Elapsed.TotalSeconds:F1} s, MD5 {actual} ok"));
            return null;
        }
        catch (HttpRequestException e)
        {
            return $"network error: {e.Message}";
        }
        catch (HttpIOException e)
        {
            return $"network error while reading the response: {e.Message}";
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            return $"network error: no complete response within {http.Timeout.TotalSeconds:F0} s";
        }
        finally
        {
            ClearLine(ref showing);
            TryDelete(temp);
        }
    }

    /// <summary>Erases the in-place progress line, if one is showing.</summary>
    private void ClearLine(ref bool showing)
    {
        if (showing) output.Write("\r\u001b[K");
        showing = false;
    }

    /// <summary>The URL of <paramref name="fileName"/> on a mirror: <c>{dataset}</c> in it becomes the dataset name, then the file name is appended.</summary>
    public static string MirrorUrl(string mirror, string dataset, string fileName)
    {
        string url = mirror.Replace("{dataset}", dataset, StringComparison.Ordinal);
        return url.EndsWith('/') ? url + fileName : url + "/" + fileName;
    }

    /// <summary>The MD5 of a file as lower-case hex.</summary>
    public static async Task<string> Md5Async(string path, CancellationToken cancel = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        return Convert.ToHexStringLower(await MD5.HashDataAsync(stream, cancel));
    }

    private static string Progress(long received, long? total) => total is > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{100.0 * received / total.Value,5:F1}% of {total.Value / 1e6:F1} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{received / 1e6:F1} MB");

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
