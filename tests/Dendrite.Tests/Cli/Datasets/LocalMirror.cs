using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Dendrite.Tests.Cli.Datasets;

/// <summary>An HTTP server on 127.0.0.1 that serves the files of a folder by name, as a dataset mirror does.</summary>
/// <remarks>It can answer 404 to everything, or serve one file with a byte flipped, to test the downloader's failures.</remarks>
internal sealed class LocalMirror : IDisposable
{
    private readonly HttpListener listener;
    private readonly string folder;
    private readonly bool notFound;
    private readonly string? corrupt;
    private readonly Task serving;

    /// <summary>Starts serving <paramref name="folder"/> on a free port.</summary>
    /// <param name="folder">The folder whose files are served at <c>/NAME</c>.</param>
    /// <param name="notFound">Answer every request with 404.</param>
    /// <param name="corrupt">The file served with its middle byte flipped.</param>
    public LocalMirror(string folder, bool notFound = false, string? corrupt = null)
    {
        this.folder = folder;
        this.notFound = notFound;
        this.corrupt = corrupt;
        listener = StartOnFreePort(out int port);
        Url = $"http://127.0.0.1:{port}/";
        serving = Task.Run(ServeAsync);
    }

    /// <summary>The base URL, ending in '/'.</summary>
    public string Url { get; }

    /// <summary>How many times each file name was requested.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new();

    /// <summary>The bytes served for <paramref name="name"/>: the file's, with the middle byte flipped if it is the corrupt one.</summary>
    public byte[] Served(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(folder, name));
        if (name == corrupt) bytes[bytes.Length / 2] ^= 0xFF;
        return bytes;
    }

    public void Dispose()
    {
        listener.Close();
        try { serving.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
    }

    private static HttpListener StartOnFreePort(out int port)
    {
        for (int attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var candidate = new HttpListener();
            candidate.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                candidate.Start();
                return candidate;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                candidate.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            await RespondAsync(context);
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            string name = Path.GetFileName(context.Request.Url!.AbsolutePath);
            Requests.AddOrUpdate(name, 1, (_, n) => n + 1);
            if (notFound || name.Length == 0 || !File.Exists(Path.Combine(folder, name)))
            {
                response.StatusCode = 404;
                return;
            }
            byte[] body = Served(name);
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
        }
        catch (HttpListenerException) { }
        finally
        {
            try { response.Close(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { }
        }
    }
}
