using Dendrite.Data;

namespace Dendrite.Tests.Data;

/// <summary>NaN and ±∞ in a CSV: refused naming line and column by default, their rows dropped, or kept, as <see cref="CsvOptions.NonFinite"/> says.</summary>
public class CsvNonFiniteTests
{
    private const string Text = "a,b,y\n1,2,0\n3,NaN,1\n\n5,6,-inf\n7,8,1\n";

    private static string Write(Fixture fx)
    {
        string path = fx.Scratch("t.csv");
        File.WriteAllText(path, Text);
        return path;
    }

    [Theory]
    [InlineData("NaN", 2)]
    [InlineData("Infinity", 1)]
    [InlineData("-inf", 3)]
    public void A_non_finite_field_is_refused_naming_the_line_and_column(string field, int column)
    {
        using var fx = new Fixture();
        string path = fx.Scratch("one.csv");
        var cells = new[] { "1", "2", "0" };
        cells[column - 1] = field;
        File.WriteAllText(path, $"a,b,y\n4,5,1\n{string.Join(',', cells)}\n");
        var e = Assert.Throws<InvalidDataException>(() => Csv.Read(path));
        Assert.Contains($"{path}: line 3, column {column} ('{"aby"[column - 1]}'): '{field}' is not a finite number", e.Message);
    }

    [Fact]
    public void Drop_leaves_out_the_rows_with_a_non_finite_feature_or_label()
    {
        using var fx = new Fixture();
        var table = Csv.Read(Write(fx), new CsvOptions { NonFinite = NonFiniteHandling.Drop, DType = DType.Float64 });
        Assert.Equal([1.0, 2, 7, 8], table.X.ToArray<double>());
        Assert.Equal([0.0, 1], table.Y.ToArray<double>());
    }

    [Fact]
    public void Allow_keeps_every_row_as_written()
    {
        using var fx = new Fixture();
        var table = Csv.Read(Write(fx), new CsvOptions { NonFinite = NonFiniteHandling.Allow, DType = DType.Float64 });
        Assert.Equal([1.0, 2, 3, double.NaN, 5, 6, 7, 8], table.X.ToArray<double>());
        Assert.Equal([0.0, 1, double.NegativeInfinity, 1], table.Y.ToArray<double>());
    }
}
