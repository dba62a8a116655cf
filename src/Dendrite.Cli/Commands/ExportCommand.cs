using System.CommandLine;
using Dendrite.Cli.Runs;
using Dendrite.Interop;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite export RUN --onnx model.onnx</c>: writes a trained run's model as an ONNX file (opset 17, batch axis
/// symbolic, other sizes those of the run's inputs), atomically, for ONNX Runtime and other engines.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Run folder written by `dendrite train` (or a checkpoint in one)" };
        var onnx = new Option<string>("--onnx") { Description = "The .onnx file to write", Required = true };
        var command = new Command("export", "Export a trained model to another format (ONNX)") { model, onnx };
        command.SetAction(parse =>
        {
            var setup = TrainedModel.Open(parse.GetValue(model)!);
            string path = parse.GetValue(onnx)!;
            // Token models (an embedding first) take int32 indices; everything else float32.
            var tokens = setup.Train.Count > 0 && setup.Train.Get([0]).Inputs.DType == DType.Int32;
            var sample = Tensor.Zeros([1, .. setup.InputShape.ToArray()], tokens ? DType.Int32 : DType.Float32);
            try
            {
                Onnx.Export(setup.Model, sample, path);
            }
            catch (NotSupportedException e)
            {
                throw new CliException($"{path}: {e.Message}");
            }
            Console.WriteLine($"wrote {path} (ONNX opset {Onnx.Opset}, input [N, {string.Join(", ", setup.InputShape.ToArray())}])");
            return 0;
        });
        return command;
    }
}
