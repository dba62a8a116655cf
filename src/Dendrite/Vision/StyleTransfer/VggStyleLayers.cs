namespace Dendrite.Vision;

/// <summary>
/// The course's layers of VGG-19 as module names of <see cref="Models.Vgg"/>.<see cref="Models.Vgg.Vgg19"/>, whose
/// <c>features.{i}</c> numbering (every convolution, ReLU and pool counted) is torchvision's, so a torchvision
/// <c>vgg19</c> state dict saved as safetensors loads strictly with <c>Checkpoint.Load(vgg, path)</c> and these
/// names pick the same layers (the dropout layers' mask counters are non-persistent buffers, outside the state dict).
/// </summary>
/// <remarks>
/// Keras's <c>block{b}_conv{k}</c> output includes its ReLU, so the course's layers are the ReLU modules:
/// <code>
/// course (TF1 / Keras)    conv (pre-ReLU)   ReLU (used here)
/// conv1_1 / block1_conv1  features.0        features.1
/// conv2_1 / block2_conv1  features.5        features.6
/// conv3_1 / block3_conv1  features.10       features.11
/// conv4_1 / block4_conv1  features.19       features.20
/// conv4_2 / block4_conv2  features.21       features.22
/// conv5_1 / block5_conv1  features.28       features.29
/// conv5_4 / block5_conv4  features.34       features.35
/// </code>
/// The course's TF1 notebook takes the content from conv4_2, its TF2 notebook from block5_conv4. torchvision's
/// pretrained weights expect images normalized with ImageNet's mean and standard deviation; the course feeds [0, 1] pixels.
/// </remarks>
public static class VggStyleLayers
{
    /// <summary>The content layer of the course's TF1 notebook, conv4_2 (after its ReLU).</summary>
    public const string Conv4_2 = "features.22";

    /// <summary>The content layer of the course's TF2 notebook, block5_conv4 (after its ReLU).</summary>
    public const string Conv5_4 = "features.35";

    /// <summary>The course's <c>STYLE_LAYERS</c>: conv1_1, conv2_1, conv3_1, conv4_1, conv5_1 (after their ReLUs), λ = 0.2 each.</summary>
    public static IReadOnlyList<(string Layer, double Weight)> Style { get; } =
        [("features.1", 0.2), ("features.6", 0.2), ("features.11", 0.2), ("features.20", 0.2), ("features.29", 0.2)];
}
