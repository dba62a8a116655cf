namespace Dendrite.Tests.Support;

/// <summary>Runs the dendrite CLI as a separate process, as a user would, and captures what it printed.</summary>
public static class CliRunner
{
    /// <summary>The outcome of one run.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>Both streams, for assertion messages.</summary>
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    /// <summary>Path of the CLI's entry assembly, copied next to the tests by the project reference.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Dendrite.Cli.dll");

    /// <summary>Runs <c>dotnet Dendrite.Cli.dll args…</c> in <paramref name="workingDirectory"/> and waits (at most 5 minutes) for it to exit.</summary>
    public static Result Run(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Command.Run("dotnet", [Dll, .. args], workingDirectory ?? Directory.GetCurrentDirectory(), environment, minutes: 5);

    /// <summary>Runs the CLI in the current directory.</summary>
    public static Result Run(params string[] args) => Run(null, null, args);
}
