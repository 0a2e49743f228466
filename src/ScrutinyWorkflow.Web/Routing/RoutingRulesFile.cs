using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScrutinyWorkflow.Core.Routing;

namespace ScrutinyWorkflow.Web.Routing;

/// <summary>
/// The council's routing rules as a JSON file (see <c>samples/routing-rules.json</c> and README): a default owner
/// and rules tried in order. Read and checked whole at start, so a mistake stops the host naming the file, the
/// rule and what to change, rather than proposing the wrong people for weeks.
/// </summary>
public static class RoutingRulesFile
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        // A misspelt key ("word" for "words") would otherwise make a rule that quietly matches everything.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <exception cref="InvalidDataException">The file cannot be read or its rules have problems; the message names the file and each problem.</exception>
    public static QuestionRouter Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: the routing rules file (Scrutiny:Routing:RulesPath) does not exist.");
        }
        RulesJson? file;
        try
        {
            file = JsonSerializer.Deserialize<RulesJson>(File.ReadAllText(path, Encoding.UTF8), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: line {e.LineNumber + 1}: {e.Message}", e);
        }
        if (file is null)
        {
            throw new InvalidDataException($"{path}: the file must hold an object: {{ \"defaultOwner\": \"...\", \"rules\": [...] }}.");
        }
        IReadOnlyList<RoutingRule> rules = [.. (file.Rules ?? []).Select(r => new RoutingRule(
            r?.Name ?? "", [.. (r?.Areas ?? []).Select(a => a ?? "")], [.. (r?.Words ?? []).Select(w => w ?? "")], [.. (r?.Officers ?? []).Select(o => o ?? "")]))];
        IReadOnlyList<string> owners = string.IsNullOrWhiteSpace(file.DefaultOwner) ? [] : [file.DefaultOwner];
        return QuestionRouter.Check(rules, owners) is { Count: > 0 } problems
            ? throw new InvalidDataException($"{path}: {string.Join(" ", problems)}")
            : QuestionRouter.Create(rules, owners);
    }

    private sealed record RulesJson(string? DefaultOwner, IReadOnlyList<RuleJson?>? Rules);

    private sealed record RuleJson(string? Name, IReadOnlyList<string?>? Areas, IReadOnlyList<string?>? Words, IReadOnlyList<string?>? Officers);
}
