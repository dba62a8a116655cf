using Dendrite.Data;
using Xunit.Abstractions;

namespace Dendrite.Tests.Data;

public class PlanarFlowerTests(ITestOutputHelper output)
{
    [Fact]
    public void Shapes_AndBalancedLabels()
    {
        var (x, y) = PlanarFlower.Generate();
        Assert.Equal(new Shape(400, 2), x.Shape);
        Assert.Equal(new Shape(400, 1), y.Shape);
        Assert.Equal(DType.Float32, x.DType);
        var labels = y.ToArray<float>();
        Assert.Equal(200, labels.Count(v => v == 0));
        Assert.Equal(200, labels.Count(v => v == 1));
        Assert.All(x.ToArray<float>(), v => Assert.InRange(Math.Abs(v), 0, 5));
    }

    [Fact]
    public void SameSeed_SameData_OtherSeed_OtherData()
    {
        var a = PlanarFlower.Generate(7, DType.Float64).X.ToArray<double>();
        var b = PlanarFlower.Generate(7, DType.Float64).X.ToArray<double>();
        var c = PlanarFlower.Generate(8, DType.Float64).X.ToArray<double>();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Seed1_ReproducesTheCoursesNumpyPoints()
    {
        // Fixtures/make_fixtures.py ran the course's load_planar_dataset (np.random.seed(1)) and saved X as [400, 2].
        var expected = Npz.Read(Fixture.Path("planar_flower_seed1.npz"));
        var (x, y) = PlanarFlower.Generate(1, DType.Float64);
        Assert.Equal(expected["Y"].ToArray<double>(), y.ToArray<double>());
        var want = expected["X"].ToArray<double>();
        var got = x.ToArray<double>();
        Assert.Equal(want.Length, got.Length);
        for (int i = 0; i < want.Length; i++) Assert.Equal(want[i], got[i], 1e-12); // sin may differ from numpy's by an ulp
        output.WriteLine($"{want.Where((w, i) => w == got[i]).Count()} of {want.Length} coordinates bit-identical to numpy");
    }
}
