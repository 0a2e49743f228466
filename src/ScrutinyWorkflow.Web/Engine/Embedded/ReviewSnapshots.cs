using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;

namespace ScrutinyWorkflow.Web.Engine.Embedded;

/// <summary>
/// A review's state as JSON, so a load reads it and only the events after it. The format is a fingerprint of the
/// state's shape (every type and settable property it holds), worked out at start: change the shape and the
/// fingerprint changes with it, so a snapshot of the old shape is ignored and the stream replayed, and nobody has to
/// remember to bump a number.
/// </summary>
public static class ReviewSnapshots
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static string Format { get; } = Fingerprint(typeof(ReviewState));

    public static StoredSnapshot Write(ReviewState state, long version) =>
        new(version, Format, JsonSerializer.Serialize(state, Options));

    /// <summary>The state a snapshot holds, or null when it was written from another shape of state.</summary>
    public static ReviewState? Read(StoredSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Format == Format ? JsonSerializer.Deserialize<ReviewState>(snapshot.State, Options) : null;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(ReviewEventSerializer.JsonOptions)
        {
            // The withdrawn questions are (heading, question) tuples, whose parts are fields.
            IncludeFields = true,
            // The events' resolver, so whatever they are written with (a follow-up's kinds) the state is written with too.
            TypeInfoResolver = ReviewEventSerializer.JsonOptions.TypeInfoResolver!.WithAddedModifier(OnlyWhatCanBeSet),
        };
        options.Converters.Add(new AssignmentTableConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Computed properties (<c>NextDue</c>, <c>IsOpen</c>...) follow from the rest, so they are not written.</summary>
    private static void OnlyWhatCanBeSet(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.Namespace?.StartsWith("ScrutinyWorkflow.Core", StringComparison.Ordinal) != true)
        {
            return;
        }
        var parameters = type.Type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i].Set is null && !parameters.Contains(type.Properties[i].Name))
            {
                type.Properties.RemoveAt(i);
            }
        }
    }

    private static string Fingerprint(Type root)
    {
        var text = new StringBuilder();
        var seen = new HashSet<Type>();
        Describe(root);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];

        void Describe(Type type)
        {
            if (!seen.Add(type))
            {
                return;
            }
            text.Append(type.FullName).Append('{');
            foreach (var argument in type.GetGenericArguments())
            {
                Describe(argument);
            }
            if (type.Namespace?.StartsWith("ScrutinyWorkflow.Core", StringComparison.Ordinal) == true)
            {
                if (type.IsEnum)
                {
                    text.AppendJoin(',', Enum.GetNames(type));
                }
                var members = type.GetProperties().Where(p => p.CanWrite).Select(p => (p.Name, p.PropertyType))
                    .Concat(type.GetFields().Where(f => !f.IsStatic && !f.IsLiteral).Select(f => (f.Name, f.FieldType)));
                foreach (var (name, memberType) in members.OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    text.Append(name).Append(':');
                    Describe(memberType);
                }
            }
            text.Append('}');
        }
    }

    /// <summary>The table is written as its list; its indexes are rebuilt on reading.</summary>
    private sealed class AssignmentTableConverter : JsonConverter<AssignmentTable>
    {
        public override AssignmentTable Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            AssignmentTable.From(JsonSerializer.Deserialize<List<Assignment>>(ref reader, options) ?? []);

        public override void Write(Utf8JsonWriter writer, AssignmentTable value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, (IEnumerable<Assignment>)value, options);
    }
}
