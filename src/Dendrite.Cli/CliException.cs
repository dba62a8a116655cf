namespace Dendrite.Cli;

/// <summary>A user error (bad spec, missing file, wrong shape): printed as one line without a stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
