using System.CommandLine;
using System.Globalization;
using System.Text;
using Dendrite.Autograd;
using Dendrite.Cli.Runs;
using Dendrite.Cli.Specs;
using Dendrite.Data;
using Dendrite.Vision;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite detect RUN IMAGE.png [--out boxed.png]</c>: the boxes a trained detector finds in a PNG, as CSV lines
/// <c>class,score,x1,y1,x2,y2</c> (pixels of the image as given), and optionally the image with them drawn.
/// </summary>
/// <remarks>
/// The image is made to fit the model: grey is repeated to RGB and alpha dropped, and an image of another size is
/// resized (bilinear) to the model's input, its boxes scaled back — the course's <c>scale_boxes</c>.
/// </remarks>
internal static class DetectCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Run folder of a detector written by `dendrite train` (or a checkpoint in one)" };
        var image = new Argument<string>("image") { Description = "PNG image to search" };
        var output = new Option<string?>("--out") { Description = "Write the image with the detections drawn to this PNG" };
        var score = new Option<double>("--score") { Description = "Smallest score σ(t_o)·p_c kept (the course's 0.6)", DefaultValueFactory = _ => 0.6 };
        var iou = new Option<double>("--iou") { Description = "NMS threshold: a box overlapping a better one by more is dropped", DefaultValueFactory = _ => 0.5 };
        var maxBoxes = new Option<int>("--max-boxes") { Description = "Most boxes kept", DefaultValueFactory = _ => 10 };
        var command = new Command("detect", "Find objects in an image with a trained detector (YOLO)") { model, image, output, score, iou, maxBoxes };
        command.SetAction(parse =>
        {
            var setup = TrainedModel.Open(parse.GetValue(model)!);
            if (setup.DetectionHead is not { } head)
                throw new CliException($"{parse.GetValue(model)}: this run is not a detector (its loss is {setup.Spec.Loss ?? "inferred"}); train one with loss yolo, e.g. examples/specs/shapes-detection.json");
            if (parse.GetValue(score) is < 0 or > 1) throw new CliException($"--score: {parse.GetValue(score)} is not in [0, 1]");
            if (parse.GetValue(iou) is < 0 or > 1) throw new CliException($"--iou: {parse.GetValue(iou)} is not in [0, 1]");
            if (parse.GetValue(maxBoxes) < 1) throw new CliException($"--max-boxes: expected at least 1 but got {parse.GetValue(maxBoxes)}");
            string path = parse.GetValue(image)!;
            var picture = Fit(Png.Read(path), setup.InputShape[0], path);
            var detections = Find(setup, head, picture, parse.GetValue(score), parse.GetValue(iou), parse.GetValue(maxBoxes));
            var names = setup.ClassNames ?? [.. Enumerable.Range(0, head.NumClasses).Select(c => c.ToString(CultureInfo.InvariantCulture))];
            var csv = new StringBuilder("class,score,x1,y1,x2,y2\n");
            foreach (var d in detections)
                csv.Append(CultureInfo.InvariantCulture, $"{names[d.Class]},{d.Score:0.####},{d.X1:0.##},{d.Y1:0.##},{d.X2:0.##},{d.Y2:0.##}\n");
            Console.Write(csv);
            if (parse.GetValue(output) is string boxed)
            {
                Png.Write(boxed, Draw.Detections(picture.Shape[0] == 3 ? picture : Tensor.Concat([picture, picture, picture], axis: 0), detections, names));
                Console.Error.WriteLine($"{detections.Count} detection(s) drawn in {Path.GetFullPath(boxed)}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>The detections in <paramref name="image"/> [C, H, W], boxes in its own pixels.</summary>
    private static List<Detection> Find(RunSetup setup, YoloHead head, Tensor image, double score, double iou, int maxBoxes)
    {
        int height = image.Shape[1], width = image.Shape[2], modelH = setup.InputShape[1], modelW = setup.InputShape[2];
        var batch = image.Reshape([1, .. image.Shape.ToArray()]);
        if (height != modelH || width != modelW) batch = new Resize(modelH, modelW).Apply(batch);
        Tensor output;
        using (GradMode.NoGrad()) output = setup.Model.Forward(batch.To(setup.DType));
        double sx = (double)width / modelW, sy = (double)height / modelH;
        return [.. head.Detect(output, score, iou, maxBoxes).Select(d => d with { X1 = d.X1 * sx, Y1 = d.Y1 * sy, X2 = d.X2 * sx, Y2 = d.Y2 * sy })];
    }

    /// <summary>The image with the model's channels: grey repeated to RGB, alpha dropped.</summary>
    private static Tensor Fit(Tensor image, int channels, string path)
    {
        int c = image.Shape[0];
        var colour = c is 2 or 4 ? image.Narrow(0, 0, c - 1) : image;                   // drop alpha
        if (colour.Shape[0] == channels) return colour.Contiguous();
        if (colour.Shape[0] == 1 && channels == 3) return Tensor.Concat([colour, colour, colour], axis: 0);
        throw new CliException($"{path}: the image has {colour.Shape[0]} colour channel(s) but the model reads {channels}");
    }
}
