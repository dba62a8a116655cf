using Dendrite.Autograd;
using Dendrite.NN;
using Dendrite.Optim;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Vision;

/// <summary>
/// Neural style transfer: optimizes the pixels of a generated image G so that its activations in a fixed CNN match the
/// content image C at one layer and the Gram matrices of the style image S at several, minimizing
/// J(G) = α·J_content(C, G) + β·Σ_l λ_l·J_style^[l](S, G).
/// </summary>
/// <remarks>
/// <para>Gatys, Ecker &amp; Bethge, "A Neural Algorithm of Artistic Style" (2015); course 4, week 4. Any Dendrite CNN
/// serves: layers are named sub-modules, read by a <see cref="FeatureExtractor"/>. For VGG-19 as in the course,
/// <see cref="VggStyleLayers"/> lists the module names of conv1_1 … conv5_1 and conv4_2 / conv5_4.</para>
/// <para>As in the course's TF2 notebook, <see cref="Run"/> starts from G₀ = clip(C + U(−noise, noise), 0, 1) with
/// noise = 0.25 (the TF1 notebook mixes 0.6 of U(−20, 20) noise with 0.4 of the image instead), then repeats</para>
/// <code>
/// J = α·J_content + β·J_style;  G := Adam(G, ∂J/∂G);  G := clip(G, 0, 1)
/// </code>
/// <para>with Adam at learning rate 0.01 on pixels in [0, 1]. The model runs in evaluation mode and its parameters
/// neither get gradients nor change; its train mode and <see cref="Tensor.RequiresGrad"/> flags are restored afterwards.</para>
/// <para><b>Shape:</b> content (N, C, H, W) with the model's input channels and style (N or 1, C, H', W') of any size → image (N, C, H, W).</para>
/// </remarks>
public sealed class NeuralStyle
{
    private readonly FeatureExtractor _extractor;

    /// <summary>Creates a style transfer over <paramref name="model"/>.</summary>
    /// <param name="model">The CNN whose activations define content and style; it is not trained.</param>
    /// <param name="contentLayer">Name of the sub-module whose output is the content representation.</param>
    /// <param name="styleLayers">Names of the style sub-modules with their weights λ_l.</param>
    /// <param name="alpha">α, the content weight (the course's 10).</param>
    /// <param name="beta">β, the style weight (the course's 40).</param>
    /// <exception cref="ArgumentException">No style layers, a repeated style layer, or a name that is no sub-module.</exception>
    public NeuralStyle(Module model, string contentLayer, IReadOnlyList<(string Layer, double Weight)> styleLayers,
                       double alpha = TotalCost.DefaultAlpha, double beta = TotalCost.DefaultBeta)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(contentLayer);
        ArgumentNullException.ThrowIfNull(styleLayers);
        if (styleLayers.Count == 0) throw new ArgumentException("NeuralStyle needs at least one style layer.", nameof(styleLayers));
        Model = model;
        ContentLayer = contentLayer;
        StyleLayers = styleLayers;
        Alpha = alpha;
        Beta = beta;
        _extractor = new FeatureExtractor(model, [contentLayer, .. styleLayers.Select(s => s.Layer).Where(s => s != contentLayer)]);
    }

    /// <summary>The fixed network.</summary>
    public Module Model { get; }

    /// <summary>The content layer's module name.</summary>
    public string ContentLayer { get; }

    /// <summary>The style layers' module names and weights λ_l.</summary>
    public IReadOnlyList<(string Layer, double Weight)> StyleLayers { get; }

    /// <summary>α, the content weight.</summary>
    public double Alpha { get; }

    /// <summary>β, the style weight.</summary>
    public double Beta { get; }

    /// <summary>G₀ = clip(<paramref name="content"/> + U(−noise, noise), 0, 1), drawn from <paramref name="random"/>.</summary>
    public static Tensor InitialImage(Tensor content, Random random, double noise = 0.25)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(random);
        using var _ = GradMode.NoGrad();
        var image = content + Tensor.Uniform(content.Shape, -noise, noise, random, content.DType);
        ClipPixels(image);
        return image;
    }

    /// <summary>
    /// (J, J_content, J_style) of <paramref name="generated"/> against <paramref name="content"/> and <paramref name="style"/>,
    /// differentiable with respect to <paramref name="generated"/> (the targets are computed without a graph).
    /// </summary>
    public (Tensor Total, Tensor Content, Tensor Style) Cost(Tensor generated, Tensor content, Tensor style) =>
        Cost(generated, Targets(content, style));

    /// <summary>
    /// Stylizes: <paramref name="steps"/> Adam updates of the generated image from <see cref="InitialImage"/>, clipping
    /// pixels to [0, 1] after each, with the model frozen in evaluation mode.
    /// </summary>
    /// <param name="content">The content image C [N, C, H, W], pixels in [0, 1].</param>
    /// <param name="style">The style image S [N or 1, C, H', W']: any size (its Gram matrices are rescaled to the content's positions).</param>
    /// <param name="steps">Number of updates.</param>
    /// <param name="random">Seeded generator of the starting noise.</param>
    /// <param name="learningRate">Adam's step size (the course's 0.01).</param>
    /// <param name="noise">Half-width of the uniform starting noise (the course's 0.25).</param>
    /// <param name="onStep">Called after computing the cost of each image (step k = 0 … steps) with k and J.</param>
    /// <exception cref="ArgumentException">The style image's batch or channels differ from the content image's.</exception>
    public NeuralStyleResult Run(Tensor content, Tensor style, int steps, Random random, double learningRate = 0.01, double noise = 0.25,
                                 Action<int, double>? onStep = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var wasTraining = Model.IsTraining;
        var trainable = Model.Parameters().Where(p => p.RequiresGrad).ToList();
        Model.Eval();
        foreach (var p in trainable) p.RequiresGrad = false;
        try
        {
            var targets = Targets(content, style);
            var image = InitialImage(content, random, noise);
            image.RequiresGrad = true;
            var adam = new Adam([image], learningRate);
            List<double> total = [], contentCosts = [], styleCosts = [];
            for (int k = 0; ; k++)
            {
                adam.ZeroGrad();
                var (j, jc, js) = Cost(image, targets);
                total.Add(j.Item()); contentCosts.Add(jc.Item()); styleCosts.Add(js.Item());
                onStep?.Invoke(k, total[^1]);
                if (k == steps) break;
                j.Backward();
                adam.Step();
                ClipPixels(image);
            }
            return new NeuralStyleResult(image.Detach(), total, contentCosts, styleCosts);
        }
        finally
        {
            foreach (var p in trainable) p.RequiresGrad = true;
            Model.Train(wasTraining);
        }
    }

    /// <summary>The content layer's activations of C and the style layers' Gram matrices of S, without a graph.</summary>
    private (Tensor Content, Tensor[] StyleGrams) Targets(Tensor content, Tensor style)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(style);
        if (content.Rank != 4 || style.Rank != 4 || style.Shape[1] != content.Shape[1] || style.Shape[0] != content.Shape[0] && style.Shape[0] != 1)
            throw new ArgumentException($"NeuralStyle expects content [N, C, H, W] and style [N or 1, C, H', W'] images but got {content.Shape} and {style.Shape}.");
        using var _ = GradMode.NoGrad();
        var contentExtracted = _extractor.Extract(content);
        var atContentSize = Activations(contentExtracted);
        var styleActivations = Activations(_extractor.Extract(style));
        // A style image of another size: its Gram matrix sums over H'·W' positions, the generated one over H·W, so it is
        // rescaled by (H·W)/(H'·W') to compare per-position correlations (equal sizes: unchanged, the course's case).
        return (contentExtracted[0], [.. styleActivations.Select((a, l) =>
            GramMatrix.Of(a) * ((double)atContentSize[l].Shape[2] * atContentSize[l].Shape[3] / ((double)a.Shape[2] * a.Shape[3])))]);
    }

    private (Tensor Total, Tensor Content, Tensor Style) Cost(Tensor generated, (Tensor Content, Tensor[] StyleGrams) targets)
    {
        var activations = _extractor.Extract(generated);
        var jContent = ContentCost.Compute(targets.Content, activations[0]);
        var styleActivations = Activations(activations);
        Tensor? jStyle = null;
        for (int l = 0; l < StyleLayers.Count; l++)
        {
            var term = StyleCost.FromGram(targets.StyleGrams[l], styleActivations[l]) * StyleLayers[l].Weight;
            jStyle = jStyle is null ? term : jStyle + term;
        }
        return (TotalCost.Compute(jContent, jStyle!, Alpha, Beta), jContent, jStyle!);
    }

    /// <summary>The style layers' activations in <see cref="StyleLayers"/> order from the extractor's outputs.</summary>
    private Tensor[] Activations(Tensor[] extracted) =>
        [.. StyleLayers.Select(s => extracted[IndexOf(s.Layer)])];

    private int IndexOf(string layer)
    {
        for (int i = 0; i < _extractor.LayerNames.Count; i++)
            if (_extractor.LayerNames[i] == layer) return i;
        throw new InvalidOperationException($"NeuralStyle: no extracted layer '{layer}'.");
    }

    private static void ClipPixels(Tensor image)
    {
        if (image.DType == DType.Float64) Clamping.Clamp<double>(image.Span<double>(), 0, 1, image.Span<double>());
        else Clamping.Clamp<float>(image.Span<float>(), 0, 1, image.Span<float>());
    }
}
