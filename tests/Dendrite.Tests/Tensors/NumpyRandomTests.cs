using Dendrite.NN;

namespace Dendrite.Tests.Tensors;

/// <summary>Expected values printed by numpy 1.24 (Debian python3-numpy): the legacy RandomState stream.</summary>
public class NumpyRandomTests
{
    [Fact]
    public void Random_sample_and_randn_match_numpy_after_seed_1()
    {
        // np.random.seed(1); np.random.random_sample(3); np.random.randn(5)
        var r = new NumpyRandom(1);
        Assert.Equal([0.417022004702574, 0.7203244934421581, 0.00011437481734488664], [r.NextDouble(), r.NextDouble(), r.NextDouble()]);
        double[] expected = [-0.8021728386486427, -0.4488778077207725, -1.1059350760083153, -1.6545154524065693, -2.363468604780012];
        Assert.Equal(expected, Enumerable.Range(0, 5).Select(_ => r.NextGaussian()));
    }

    [Fact]
    public void Small_random_init_matches_the_course_with_seed_2()
    {
        // np.random.seed(2); W1 = np.random.randn(4, 2) * 0.01
        var w = Tensor.Zeros([4, 2], DType.Float64);
        Init.SmallRandom(w, new NumpyRandom(2));
        double[] expected = [-0.004167578474054706, -0.0005626682722632948, -0.02136196095668454, 0.016402708084049887,
                             -0.017934355851948632, -0.00841747365656204, 0.005028814171580428, -0.012452880866072316];
        Assert.Equal(expected, w.ToArray<double>());
    }
}
