using Dendrite.Data;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Data;

public class CsvTests
{
    private static string Write(Fixture fx, string text, string name = "t.csv")
    {
        string path = fx.Scratch(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void AutoHeader_LastColumnLabel_InvariantNumbers()
    {
        using var fx = new Fixture();
        var table = Csv.Read(Write(fx, "a,b,y\n1.5,-2e-1,3\n\n4,5,6.25\n"));
        Assert.Equal(new Shape(2, 2), table.X.Shape);
        Assert.Equal([1.5f, -0.2f, 4f, 5f], table.X.ToArray<float>());
        Assert.Equal(new Shape(2, 1), table.Y.Shape);
        Assert.Equal([3f, 6.25f], table.Y.ToArray<float>());
        Assert.Equal(["a", "b"], table.FeatureNames);
        Assert.Equal("y", table.LabelName);
    }

    [Fact]
    public void NoHeader_LabelByIndex_Classification()
    {
        using var fx = new Fixture();
        var table = Csv.Read(Write(fx, "2,0.5,0.25\n0,1,2\n"), new CsvOptions { LabelIndex = 0, Classification = true, DType = DType.Float64 });
        Assert.Equal(DType.Int32, table.Y.DType);
        Assert.Equal([2, 0], table.Y.ToArray<int>());
        Assert.Equal([0.5, 0.25, 1, 2], table.X.ToArray<double>());
        Assert.Equal("column 1", table.LabelName);
    }

    [Fact]
    public void LabelByName_QuotedHeader_Semicolons()
    {
        using var fx = new Fixture();
        var table = Csv.Read(Write(fx, "\"p\";\"target\";\"q\"\n1;2;3\n"), new CsvOptions { LabelName = "target", Delimiter = ';' });
        Assert.Equal([1f, 3f], table.X.ToArray<float>());
        Assert.Equal([2f], table.Y.ToArray<float>());
        Assert.Throws<ArgumentException>(() => Csv.Read(fx.Scratch("t.csv"), new CsvOptions { LabelName = "nope", Delimiter = ';' }));
    }

    [Fact]
    public void ExplicitHeader_Absent_TreatsFirstLineAsData_AndReportsIt()
    {
        using var fx = new Fixture();
        var e = Assert.Throws<InvalidDataException>(() => Csv.Read(Write(fx, "x,y\n1,2\n"), new CsvOptions { Header = CsvHeader.Absent }));
        Assert.Contains("line 1, column 1", e.Message);
    }

    [Fact]
    public void RaggedRow_NamesFileAndLine()
    {
        using var fx = new Fixture();
        string path = Write(fx, "a,b,y\n1,2,3\n4,5\n");
        var e = Assert.Throws<InvalidDataException>(() => Csv.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("line 3 has 2 columns", e.Message);
    }

    [Fact]
    public void NonNumber_NamesFileLineAndColumn()
    {
        using var fx = new Fixture();
        string path = Write(fx, "a,b,y\n1,2,3\n\n4,1,5,6\n".Replace("1,5,6", "x5,6"));
        var e = Assert.Throws<InvalidDataException>(() => Csv.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("line 4, column 2 ('b')", e.Message);
        Assert.Contains("'x5'", e.Message);
    }

    [Fact]
    public void FractionalClassLabel_IsInvalid()
    {
        using var fx = new Fixture();
        var e = Assert.Throws<InvalidDataException>(() => Csv.Read(Write(fx, "1,0.5\n2,1\n"), new CsvOptions { Classification = true }));
        Assert.Contains("line 1, column 2", e.Message);
    }

    [Fact]
    public void SklearnCounts_MustMatchTheRows()
    {
        using var fx = new Fixture();
        var ok = Csv.Read(Write(fx, "2,1,no,yes\n0.5,0\n1.5,1\n"), new CsvOptions { Classification = true });
        Assert.Equal([0, 1], ok.Y.ToArray<int>());
        var e = Assert.Throws<InvalidDataException>(() => Csv.Read(Write(fx, "3,1,,\n0.5,0\n1.5,1\n", "bad.csv")));
        Assert.Contains("3 samples", e.Message);
    }

    [DataFact]
    public void Iris_SklearnLayoutDetected()
    {
        var t = Csv.Read(Tabular("iris.csv"), new CsvOptions { Classification = true });
        Assert.Equal(new Shape(150, 4), t.X.Shape);
        var labels = t.Y.ToArray<int>();
        Assert.All(new[] { 0, 1, 2 }, c => Assert.Equal(50, labels.Count(l => l == c)));
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], t.X.ToArray<float>()[..4]);
    }

    [DataFact]
    public void Boston_CountLineThenNames()
    {
        var t = Csv.Read(Tabular("boston_house_prices.csv"));
        Assert.Equal(new Shape(506, 13), t.X.Shape);
        Assert.Equal("MEDV", t.LabelName);
        Assert.Equal("CRIM", t.FeatureNames[0]);
        var y = t.Y.ToArray<float>();
        Assert.Equal(5f, y.Min());
        Assert.Equal(50f, y.Max());
        Assert.Equal(22.533, y.Average(v => (double)v), 3);
    }

    [DataFact]
    public void BreastCancer_AndGzipDigits()
    {
        var bc = Csv.Read(Tabular("breast_cancer.csv"), new CsvOptions { Classification = true });
        Assert.Equal(new Shape(569, 30), bc.X.Shape);
        Assert.Equal(357, bc.Y.ToArray<int>().Count(l => l == 1));
        var digits = Csv.Read(Tabular("digits.csv.gz"), new CsvOptions { Classification = true });
        Assert.Equal(new Shape(1797, 64), digits.X.Shape);
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180],
            Enumerable.Range(0, 10).Select(c => digits.Y.ToArray<int>().Count(l => l == c)));
    }

    [DataFact]
    public void Regularization_TransposedToExamplesAsRows()
    {
        var (x, y) = Football.Load(train: true);
        Assert.Equal(new Shape(211, 2), x.Shape);
        Assert.Equal(new Shape(211, 1), y.Shape);
        Assert.Equal(-0.158986f, x.ToArray<float>()[0]);  // first value of train_X.csv's first row (feature 1 of example 1)
        Assert.Equal(-0.347926f, x.ToArray<float>()[2]);  // second value of that row: feature 1 of example 2
        Assert.All(y.ToArray<float>(), v => Assert.True(v is 0 or 1));
        var (xt, yt) = Football.Load(train: false, dtype: DType.Float64);
        Assert.Equal(new Shape(200, 2), xt.Shape);
        Assert.Equal(new Shape(200, 1), yt.Shape);
    }

    private static string Tabular(string name) => Path.Combine(DataFolder.Find()!, "tabular", name);
}
