namespace Dendrite.Cli;

/// <summary>Which exceptions are the user's to fix (reported as one line) rather than bugs (reported with a trace).</summary>
internal static class UserErrors
{
    public static bool IsUserError(Exception e) =>
        e is CliException or IOException or InvalidDataException or ArgumentException or FormatException
            or UnauthorizedAccessException or KeyNotFoundException or InvalidOperationException
            or System.Data.Common.DbException;   // a study storage that cannot be reached or read
}
