using System.Globalization;
using System.IO.Compression;

namespace Dendrite.Data;

/// <summary>
/// Reader for numeric CSV files (raw or gzip-compressed), such as scikit-learn's bundled tables and the course's CSVs.
/// </summary>
/// <remarks>
/// Fields are split on the delimiter, trimmed, and stripped of one pair of enclosing double quotes (quoted delimiters
/// are not supported); numbers are parsed with the invariant culture. Blank lines are skipped. A ragged row or a field
/// that is not a number is an <see cref="InvalidDataException"/> naming the file, the 1-based line and the column; so is
/// a NaN or ±∞ field unless <see cref="CsvOptions.NonFinite"/> drops its row or allows it.
/// </remarks>
public static class Csv
{
    /// <summary>Reads a table of features and one label column.</summary>
    /// <param name="path">The CSV file (gzip recognised by its signature).</param>
    /// <param name="options">Header handling, label column, classification, delimiter and dtype; defaults when null.</param>
    public static CsvTable Read(string path, CsvOptions? options = null)
    {
        options ??= new CsvOptions();
        if (!options.DType.IsFloatingPoint()) throw new ArgumentException($"Csv: features need Float32 or Float64, not {options.DType}.", nameof(options));
        var lines = ReadLines(path, options.Delimiter);
        var (names, sklearnCounts, first) = ReadHeader(path, lines, options.Header);
        var rows = Parse(path, lines, first, names, options.NonFinite);
        int columns = names?.Length ?? (rows.Count > 0 ? rows[0].Values.Length : 0);
        if (rows.Count == 0) throw new InvalidDataException($"{path}: no data rows.");
        if (columns < 2) throw new InvalidDataException($"{path}: a table needs at least two columns (features and a label) but has {columns}.");
        if (sklearnCounts is (int samples, int features) && (samples != rows.Count || features != columns - 1))
            throw new InvalidDataException($"{path}: line {lines[0].Number} announces {samples} samples of {features} features, " +
                                           $"but the file holds {rows.Count} rows of {columns - 1} features.");
        names ??= [.. Enumerable.Range(1, columns).Select(k => $"column {k}")];
        int label = LabelColumn(path, names, options);
        return Assemble(path, rows, names, label, options);
    }

    /// <summary>Reads a file that is all numbers (no header) as a Float64 (or <paramref name="dtype"/>) matrix [lines, fields]; NaN and ±∞ are kept.</summary>
    /// <param name="path">The CSV file (gzip recognised by its signature).</param>
    /// <param name="dtype">Float64 (default) or Float32.</param>
    /// <param name="delimiter">The field separator.</param>
    public static Tensor ReadMatrix(string path, DType dtype = DType.Float64, char delimiter = ',')
    {
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"Csv: a matrix needs Float32 or Float64, not {dtype}.", nameof(dtype));
        var lines = ReadLines(path, delimiter);
        var rows = Parse(path, lines, 0, names: null, NonFiniteHandling.Allow);
        if (rows.Count == 0) throw new InvalidDataException($"{path}: no data rows.");
        int cols = rows[0].Values.Length;
        var values = new double[rows.Count * cols];
        for (int r = 0; r < rows.Count; r++) rows[r].Values.CopyTo(values, r * cols);
        var t = Tensor.FromArray(values, [rows.Count, cols]);
        return dtype == DType.Float64 ? t : t.To(dtype);
    }

    private readonly record struct Line(int Number, string[] Fields);

    private readonly record struct Row(int Number, double[] Values);

    private static List<Line> ReadLines(string path, char delimiter)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Csv: the file {path} is missing.", path);
        var lines = new List<Line>();
        try
        {
            using var file = File.OpenRead(path);
            bool gzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
            file.Position = 0;
            using var reader = new StreamReader(gzip ? new GZipStream(file, CompressionMode.Decompress) : file);
            int number = 0;
            for (string? text; (text = reader.ReadLine()) is not null;)
            {
                number++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                lines.Add(new Line(number, Array.ConvertAll(text.Split(delimiter), Clean)));
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: the gzip stream is corrupt ({e.Message}).", e);
        }
        return lines;
    }

    private static string Clean(string field)
    {
        field = field.Trim();
        return field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1] : field;
    }

    private static bool IsNumber(string field) => TryParse(field, out _);

    /// <summary>An invariant-culture number, or numpy's and pandas' spellings of infinity (<c>inf</c>, <c>-inf</c>), which .NET does not parse.</summary>
    private static bool TryParse(string field, out double value)
    {
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        value = field.ToLowerInvariant() switch { "inf" or "+inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, _ => 0 };
        return value != 0;
    }

    /// <summary>scikit-learn's first line: two non-negative integers, then only names or blanks.</summary>
    private static bool IsSklearnLine(string[] f) =>
        f.Length >= 3 && int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                      && int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                      && f.Skip(2).All(s => !IsNumber(s));

    private static (string[]? Names, (int, int)? SklearnCounts, int FirstData) ReadHeader(string path, List<Line> lines, CsvHeader header)
    {
        if (lines.Count == 0) throw new InvalidDataException($"{path}: the file is empty.");
        int next = 0;
        (int, int)? counts = null;
        if (header == CsvHeader.Sklearn || (header == CsvHeader.Auto && IsSklearnLine(lines[0].Fields)))
        {
            var f = lines[0].Fields;
            if (f.Length < 2 || !int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out int samples)
                             || !int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out int features))
                throw new InvalidDataException($"{path}: line {lines[0].Number} should be scikit-learn's 'n_samples,n_features,…' but is '{string.Join(',', f)}'.");
            counts = (samples, features);
            next = 1;
        }
        bool names = header switch
        {
            CsvHeader.Present => true,
            CsvHeader.Absent => false,
            _ => next < lines.Count && !lines[next].Fields.All(IsNumber),
        };
        if (!names) return (null, counts, next);
        if (next >= lines.Count) throw new InvalidDataException($"{path}: the header line is missing.");
        return (lines[next].Fields, counts, next + 1);
    }

    private static List<Row> Parse(string path, List<Line> lines, int first, string[]? names, NonFiniteHandling nonFinite)
    {
        var rows = new List<Row>(lines.Count - first);
        int width = names?.Length ?? (first < lines.Count ? lines[first].Fields.Length : 0);
        for (int i = first; i < lines.Count; i++)
        {
            var (number, fields) = lines[i];
            if (fields.Length != width)
                throw new InvalidDataException($"{path}: line {number} has {fields.Length} columns but " +
                                               (names is null ? $"line {lines[first].Number} has {width}." : $"the header names {width}."));
            var values = new double[width];
            bool finite = true;
            for (int c = 0; c < width; c++)
            {
                string where = $"{path}: line {number}, column {c + 1}{(names is null ? "" : $" ('{names[c]}')")}";
                if (!TryParse(fields[c], out values[c]))
                    throw new InvalidDataException($"{where}: '{fields[c]}' is not a number.");
                if (!double.IsFinite(values[c]) && nonFinite == NonFiniteHandling.Error)
                    throw new InvalidDataException($"{where}: '{fields[c]}' is not a finite number (non-finite values are refused unless dropped or allowed explicitly).");
                finite &= double.IsFinite(values[c]);
            }
            if (finite || nonFinite == NonFiniteHandling.Allow) rows.Add(new Row(number, values));
        }
        return rows;
    }

    private static int LabelColumn(string path, string[] names, CsvOptions options)
    {
        if (options.LabelName is string name)
        {
            int found = Array.IndexOf(names, name);
            return found >= 0 ? found
                : throw new ArgumentException($"Csv: {path} has no column named '{name}' (columns: {string.Join(", ", names)}).", nameof(options));
        }
        int index = options.LabelIndex < 0 ? names.Length + options.LabelIndex : options.LabelIndex;
        return (uint)index < (uint)names.Length ? index
            : throw new ArgumentOutOfRangeException(nameof(options), $"Csv: label column {options.LabelIndex} is out of range for {path}'s {names.Length} columns.");
    }

    private static CsvTable Assemble(string path, List<Row> rows, string[] names, int label, CsvOptions options)
    {
        int m = rows.Count, n = names.Length - 1;
        var x = new double[m * n];
        var yFloat = new double[m];
        var yClass = new int[m];
        for (int r = 0; r < m; r++)
        {
            var values = rows[r].Values;
            for (int c = 0, k = 0; c < names.Length; c++)
                if (c != label) x[r * n + k++] = values[c];
            double y = values[label];
            yFloat[r] = y;
            if (options.Classification)
            {
                if (y < 0 || y != Math.Floor(y) || y > int.MaxValue)
                    throw new InvalidDataException($"{path}: line {rows[r].Number}, column {label + 1} ('{names[label]}'): " +
                                                   $"class label {y.ToString(CultureInfo.InvariantCulture)} is not a non-negative integer.");
                yClass[r] = (int)y;
            }
        }
        var features = Tensor.FromArray(x, [m, n]);
        Tensor labels = options.Classification ? Tensor.FromArray(yClass, [m]) : Tensor.FromArray(yFloat, [m, 1]);
        if (options.DType != DType.Float64)
        {
            features = features.To(options.DType);
            if (!options.Classification) labels = labels.To(options.DType);
        }
        return new CsvTable(features, labels, [.. names.Where((_, c) => c != label)], names[label]);
    }
}
