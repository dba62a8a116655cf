using System.Text.RegularExpressions;

namespace Dendrite.Cli;

/// <summary>Which exceptions are the user's to fix (reported as one line) rather than bugs (reported with a trace).</summary>
internal static partial class UserErrors
{
    /// <summary>
    /// The command line's parse errors as one line, .NET type names turned into words
    /// (<c>as expected type 'System.Nullable`1[System.Int32]'</c> → <c>: expected an integer</c>).
    /// </summary>
    public static string ParseErrors(IEnumerable<string> messages) =>
        string.Join(" ", messages.Select(m => ExpectedType().Replace(m.Trim(), t => ": expected " + Words(t.Groups[1].Value))).Distinct());

    private static string Words(string type) =>
        type.Contains("Int", StringComparison.Ordinal) ? "an integer"
        : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) ? "a number"
        : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
        : "a value of another kind";

    [GeneratedRegex(@" as expected type '([^']+)'")]
    private static partial Regex ExpectedType();

    public static bool IsUserError(Exception e) =>
        e is CliException or IOException or InvalidDataException or ArgumentException or FormatException
            or UnauthorizedAccessException or KeyNotFoundException or InvalidOperationException
            or System.Data.Common.DbException;   // a study storage that cannot be reached or read
}
