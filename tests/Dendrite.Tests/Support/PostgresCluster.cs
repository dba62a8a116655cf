using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Dendrite.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL 15 server for the study tests: the one <c>.ci/run</c> started (its URL in
/// <c>DENDRITE_TEST_POSTGRES</c>), else one this test run starts itself — <c>initdb</c> into a temp folder,
/// <c>pg_ctl start</c> on a free port of 127.0.0.1 (as user <c>postgres</c> when running as root, since initdb refuses
/// root), stopped when the test process exits.
/// </summary>
public static class PostgresCluster
{
    /// <summary>Where Debian's <c>postgresql-15</c> puts the server binaries.</summary>
    public const string Bin = "/usr/lib/postgresql/15/bin";

    /// <summary>The variable <c>.ci/run</c> sets to its cluster's URL, e.g. <c>postgresql://postgres@127.0.0.1:5433/postgres</c>.</summary>
    public const string EnvironmentVariable = "DENDRITE_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(Start);
    private static int _databases;

    /// <summary>Why PostgreSQL tests cannot run here, or null.</summary>
    public static string? Missing =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } || File.Exists(Path.Combine(Bin, "initdb")) ? null
        : $"PostgreSQL server binaries not found in {Bin} (install Debian's postgresql-15) and {EnvironmentVariable} is not set";

    /// <summary>A URL of a new, empty database on the server.</summary>
    public static string NewDatabase()
    {
        string server = Server.Value;
        string name = $"dendrite_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using (var source = NpgsqlDataSource.Create(ConnectionString(server)))
        using (var command = source.CreateCommand($"CREATE DATABASE {name}"))
            command.ExecuteNonQuery();
        return server[..(server.LastIndexOf('/') + 1)] + name;
    }

    private static string ConnectionString(string url)
    {
        var uri = new Uri(url);
        return $"Host={uri.Host};Port={uri.Port};Username={uri.UserInfo.Split(':')[0]};Database={uri.AbsolutePath.TrimStart('/')}";
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } url) return url;
        RemoveLeftovers();
        string folder = Path.Combine(Path.GetTempPath(), $"dendrite-pg-{Environment.ProcessId}");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        bool root = Environment.UserName == "root";
        if (root) Run("chown", ["postgres", folder]);
        int port = FreePort();
        string data = Path.Combine(folder, "data");
        Run(Path.Combine(Bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"], root);
        Run(Path.Combine(Bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start"], root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Run(Path.Combine(Bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], root); Directory.Delete(folder, recursive: true); }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException) { }
        };
        return $"postgresql://postgres@127.0.0.1:{port}/postgres";
    }

    /// <summary>Deletes the clusters of test processes that have exited (the test host may end before its exit handler deletes the folder).</summary>
    private static void RemoveLeftovers()
    {
        foreach (string folder in Directory.GetDirectories(Path.GetTempPath(), "dendrite-pg-*"))
        {
            if (!int.TryParse(Path.GetFileName(folder)["dendrite-pg-".Length..], out int pid) || Directory.Exists($"/proc/{pid}")) continue;
            if (File.Exists(Path.Combine(folder, "data", "postmaster.pid"))) continue;   // a server still runs there: leave it
            try { Directory.Delete(folder, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string[] args, bool asPostgres = false)
    {
        var (exe, all) = asPostgres ? ("runuser", (string[])["-u", "postgres", "--", file, .. args]) : (file, args);
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in all) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{exe} {string.Join(' ', all)} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr}");
    }
}
