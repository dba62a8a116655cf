using Dendrite.Text;

namespace Dendrite.Tests.Text;

/// <summary>The course's word-vector tools on hand-made vectors whose geometry is known.</summary>
public class WordVectorsTests
{
    // axis 0: gender (man −1, woman +1); axis 1: royalty; axis 2: a "receptionist" direction mixed with gender
    private static readonly WordVectors Words = new(new Dictionary<string, double[]>
    {
        ["man"] = [-1, 0, 0.1], ["woman"] = [1, 0, 0.1], ["king"] = [-1, 1, 0.2], ["queen"] = [1, 1, 0.2],
        ["prince"] = [-0.8, 0.7, -0.3], ["apple"] = [0.1, -0.9, 0.5], ["receptionist"] = [0.4, 0, 0.9],
    });

    [Fact]
    public void Cosine_similarity_is_the_normalized_dot_product()
    {
        Assert.Equal(1, WordVectors.CosineSimilarity([1, 2], [2, 4]), 12);
        Assert.Equal(0, WordVectors.CosineSimilarity([1, 0], [0, 3]), 12);
        Assert.Equal(-1, WordVectors.CosineSimilarity([1, 1], [-2, -2]), 12);
    }

    [Fact]
    public void Analogies_follow_the_difference_vector() =>
        Assert.Equal("queen", Words.Analogy("man", "woman", "king"));

    [Fact]
    public void Neutralizing_removes_the_bias_component_only()
    {
        double[] g = [2, 0, 0]; // woman − man
        var e = WordVectors.Neutralize(Words["receptionist"], g);
        Assert.Equal(0, WordVectors.CosineSimilarity(e, g), 12);
        Assert.Equal([0, 0, 0.9], e);
    }

    [Fact]
    public void Equalizing_makes_a_pair_symmetric_about_the_neutral_space()
    {
        double[] g = [1, 0.1, 0];
        var (e1, e2) = WordVectors.Equalize([-0.9, 0.3, 0.2], [0.6, 0.2, 0.25], g);
        double p1 = Dot(e1, g), p2 = Dot(e2, g);
        Assert.Equal(-p1, p2, 12);                                      // opposite along the bias axis
        var neutral = WordVectors.Neutralize([0.3, 0.5, -0.4], g);
        Assert.Equal(Distance(e1, neutral), Distance(e2, neutral), 12); // equidistant from a neutralized word
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());
}
