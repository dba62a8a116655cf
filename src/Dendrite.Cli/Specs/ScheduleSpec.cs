using System.Text.Json.Nodes;

namespace Dendrite.Cli.Specs;

/// <summary>A learning-rate schedule (a <see cref="ScheduleKind"/>'s settings); α0 is the optimizer's learning rate.</summary>
/// <param name="Settings">The schedule and its fields.</param>
internal sealed record ScheduleSpec(SpecSettings Settings)
{
    /// <summary>The schedule's type name.</summary>
    public string Type => Settings.Type;

    /// <summary>Whether t counts epochs (default) or optimizer steps; set on the outermost schedule only.</summary>
    public string Per { get; init; } = "epoch";

    /// <summary>Reads a schedule given as a type name or an object with <c>type</c> (and <c>per</c> when outermost).</summary>
    public static SpecSettings BindKind(SpecNode node, string? baseFolder, bool outermost)
    {
        if (node.IsString) node = new SpecNode(node.Source, node.Path, new JsonObject { ["type"] = node.String() });
        var kind = ScheduleKinds.Table.Choose(node.Field("type"));
        return kind.Bind(node, baseFolder, outermost ? ["type", "per"] : ["type"],
            $"schedule {kind.Name}" + (outermost ? "" : " (per is set on the outermost schedule)"));
    }
}
