using System.Text.Json;

namespace ScrutinyWorkflow.Web.Engine.Serialization;

/// <summary>
/// A closed family of records stored as a stable kind name and JSON: the kinds never change once written, so a type
/// can be renamed in code without breaking what is already stored or queued.
/// </summary>
internal sealed class KindedJson<TBase>(params (string Kind, Type Type)[] kinds) where TBase : class
{
    private readonly Dictionary<Type, string> kindOf = kinds.ToDictionary(k => k.Type, k => k.Kind);
    private readonly Dictionary<string, Type> typeOf = kinds.ToDictionary(k => k.Kind, k => k.Type);

    public (string Kind, string Payload) Serialize(TBase value) =>
        kindOf.TryGetValue(value.GetType(), out var kind)
            ? (kind, JsonSerializer.Serialize(value, value.GetType(), ReviewEventSerializer.JsonOptions))
            : throw new InvalidOperationException($"{value.GetType().Name} has no stored kind.");

    public TBase Deserialize(string kind, string payload) =>
        typeOf.TryGetValue(kind, out var type)
            ? (TBase)(JsonSerializer.Deserialize(payload, type, ReviewEventSerializer.JsonOptions) ?? throw new InvalidDataException($"Empty {kind}."))
            : throw new InvalidDataException($"Unknown kind '{kind}'.");
}
