using System.Text;

namespace Dendrite.Cli.Runs;

/// <summary>RFC 4180 fields for the CSV files the tool writes and reads back (a field with a comma, quote or newline is quoted).</summary>
internal static class CsvFields
{
    /// <summary>A field as written: quoted, with quotes doubled, when it needs to be.</summary>
    public static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The fields of one line; an error naming the line when a quoted field does not close.</summary>
    public static List<string> Split(string line, string where)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) throw new CliException($"{where}: a quoted field does not close");
        fields.Add(field.ToString());
        return fields;
    }
}
