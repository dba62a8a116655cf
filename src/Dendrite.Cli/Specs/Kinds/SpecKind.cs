using System.Text.Json.Nodes;

namespace Dendrite.Cli.Specs;

/// <summary>
/// One kind a spec can name (a layer type, a data set, an optimizer, a schedule, a zoo model, an augmentation): its
/// name, what it builds and its fields. Subclasses add the build step for their family; binding and writing are
/// the same for every kind, so a kind is described in one file and nowhere else.
/// </summary>
internal abstract class SpecKind
{
    /// <summary>The name a spec writes, e.g. <c>conv2d</c>.</summary>
    public abstract string Name { get; }

    /// <summary>What the kind builds, for docs/SPEC.md, e.g. <c>Conv2d(c_in, filters, kernel_size, …)</c>.</summary>
    public abstract string Builds { get; }

    /// <summary>The fields the kind takes, in the order they are written.</summary>
    public virtual IReadOnlyList<SpecField> Fields => [];

    /// <summary>The field named <paramref name="name"/>, or null.</summary>
    public SpecField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>
    /// Reads the kind's fields from <paramref name="node"/> (an object that may also hold <paramref name="others"/>,
    /// such as its <c>type</c>), rejecting unknown fields and missing required ones.
    /// </summary>
    public SpecSettings Bind(SpecNode node, string? baseFolder, IReadOnlyList<string> others, string owner)
    {
        if (node.IsNull) return new SpecSettings(this);
        node.RejectUnknown([.. others, .. Fields.Select(f => f.Name)], owner);
        var values = new List<KeyValuePair<string, JsonNode>>();
        foreach (var field in Fields)
        {
            var value = node.Field(field.Name);
            if (value.IsNull)
            {
                if (field.Required) throw value.Error($"missing: {field.Name} ({field.Doc}) is required for {owner}");
                continue;
            }
            values.Add(KeyValuePair.Create(field.Name, field.Read(value, baseFolder)));
        }
        var settings = new SpecSettings(this, values);
        Check(node, settings);
        return settings;
    }

    /// <summary>Rules between fields (e.g. "give p or keep_prob, not both"); errors name the field.</summary>
    protected virtual void Check(SpecNode node, SpecSettings settings) { }

    /// <summary>
    /// The settings as a spec writes them: <c>{key: NAME, fields…}</c> with only the given fields (defaults are the
    /// kind's, not the file's).
    /// </summary>
    /// <param name="settings">The kind and its values.</param>
    /// <param name="key">The field naming the kind: <c>type</c>, <c>name</c>, <c>dataset</c> or <c>zoo</c>.</param>
    public static JsonObject Write(SpecSettings settings, string key = "type") =>
        new([KeyValuePair.Create(key, (JsonNode?)settings.Type), .. settings.Given.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.DeepClone()))]);
}
