using Dendrite.Data;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Training;
using Dendrite.Vision;

namespace Dendrite.Tests.Examples;

/// <summary>
/// Course 4, week 4 (neural style transfer), as in examples/StyleTransfer: a CNN trained on generated shape scenes
/// redraws one scene in a stripe texture with the course's α = 10, β = 40.
/// </summary>
public class StyleTransferTests
{
    private const int Side = 32;

    // ~3 s on 2 shared cores: 4 epochs on 3,000 scenes of 32×32, then 400 pixel updates
    [Fact]
    public void A_cnn_trained_on_shape_scenes_moves_a_scene_toward_a_stripe_texture()
    {
        var (x, y) = ShapeScenes.Generate(3000, seed: 1, side: Side);
        var model = new Sequential(
            new Conv2d(1, 16, 3, padding: 1, random: new Random(0)), new Relu(), new MaxPool2d(2),
            new Conv2d(16, 32, 3, padding: 1, random: new Random(1)), new Relu(), new MaxPool2d(2),
            new Conv2d(32, 32, 3, padding: 1, random: new Random(2)), new Relu(), new MaxPool2d(2),
            new Flatten(), new Dense(32 * 4 * 4, 4, random: new Random(3)));
        var trainer = new Trainer(model, new Adam(model.Parameters(), 3e-3), Loss.BinaryCrossEntropyWithLogits);
        trainer.Fit(new DataLoader(new TensorDataset(x, y), 64, seed: 2), epochs: 4);
        var (xTest, yTest) = ShapeScenes.Generate(500, seed: 9, side: Side);
        var predicted = trainer.Predict(xTest).ToArray<float>();
        var truth = yTest.ToArray<float>();
        double accuracy = predicted.Zip(truth).Count(p => p.First > 0 == p.Second > 0.5) / (double)truth.Length;
        Assert.True(accuracy > 0.88, $"per-shape accuracy {accuracy:P1}");                         // measured 91.9%

        int scene = Enumerable.Range(0, 100).First(s => ShapeScenes.Generate(1, s, Side).Y.Sum().Item() == 4);
        var content = ShapeScenes.Generate(1, scene, Side).X;
        var style = Tensor.FromArray(Enumerable.Range(0, Side * Side).Select(i => (i / Side + i % Side) % 8 < 3 ? 0.95f : 0.1f).ToArray(), [1, 1, Side, Side]);
        var result = new NeuralStyle(model, "7", [("1", 1 / 3.0), ("4", 1 / 3.0), ("7", 1 / 3.0)]).Run(content, style, 400, new Random(6), learningRate: 0.02);
        // measured: J 49.0 → 7.44, J_style 1.21 → 0.0168, J_content 0.070 → 0.677
        Assert.True(result.TotalCosts[^1] < 0.2 * result.TotalCosts[0], $"J {result.TotalCosts[0]:G4} → {result.TotalCosts[^1]:G4}");
        Assert.True(result.StyleCosts[^1] < 0.05 * result.StyleCosts[0], $"J_style {result.StyleCosts[0]:G4} → {result.StyleCosts[^1]:G4}");
        Assert.True(result.ContentCosts[^1] < 1.0, $"J_content ended at {result.ContentCosts[^1]:G4}");
    }
}
