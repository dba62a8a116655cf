using System.Text.Json.Serialization;

namespace Dendrite.Studies;

/// <summary>Source-generated JSON for the attribute values a study stores (AOT-safe).</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
internal sealed partial class StudyJson : JsonSerializerContext;
