using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Officers;

/// <summary>
/// The officer directory as a file the council keeps by hand or exports from HR: JSON
/// (<c>[{ "email", "name", "designation", "manager" }]</c>) or CSV with the header
/// <c>email,name,designation,manager</c>. Loaded once and checked whole, so a mistake in the file stops the app at
/// start-up with the line to fix, instead of surfacing weeks later as an escalation that goes nowhere.
/// </summary>
public sealed class FileOfficerDirectory : IOfficerDirectory
{
    private const string NotAnArray = "the file must hold a JSON array of officers: [{ \"email\": ..., \"name\": ..., \"designation\": ..., \"manager\": ... }]";
    private const string NotAnObject = "expected an object with email, name, designation and manager";

    private static readonly string[] Columns = ["email", "name", "designation", "manager"];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private readonly Dictionary<string, Officer> byEmail;

    private FileOfficerDirectory(IReadOnlyList<Officer> officers)
    {
        All = officers;
        byEmail = officers.ToDictionary(officer => officer.Email, StringComparer.Ordinal);
    }

    /// <summary>Everyone in the directory, in file order. Emails are lower-case and trimmed.</summary>
    public IReadOnlyList<Officer> All { get; }

    /// <summary>Reads and checks a directory file; the format follows the extension (.json or .csv).</summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the file, the entry and the problem.</exception>
    public static FileOfficerDirectory Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".json" or ".csv"))
        {
            throw new InvalidDataException($"{path}: an officer directory must be a .json or .csv file, not \"{extension}\".");
        }
        var text = File.ReadAllText(path, Encoding.UTF8);
        try
        {
            var entries = extension == ".json" ? ReadJson(text) : ReadCsv(text);
            return new FileOfficerDirectory(Check(entries));
        }
        catch (FormatException exception)
        {
            throw new InvalidDataException($"{path}: {exception.Message}.", exception);
        }
    }

    public Task<Officer?> FindAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        return Task.FromResult(byEmail.GetValueOrDefault(Officer.NormaliseEmail(email)));
    }

    /// <summary>A file knows nothing of who is away.</summary>
    public Task<AutomaticReplies?> FindAutomaticRepliesAsync(string email, CancellationToken cancellationToken) => Task.FromResult<AutomaticReplies?>(null);

    public Task<IReadOnlyList<Officer>> SearchAsync(string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IReadOnlyList<Officer> found = words.Length == 0 ? [] :
        [
            .. All.Where(officer => words.All(word => Matches(officer, word)))
                .OrderBy(officer => officer.Name, StringComparer.CurrentCulture)
                .Take(limit),
        ];
        return Task.FromResult(found);
    }

    /// <summary>
    /// People type names as their keyboard lets them: "sian" finds Siân and "zoe" Zoë (accents and case ignored), and a
    /// word may be in the name, the address or the job title ("safeguarding" finds the head of adult safeguarding).
    /// </summary>
    private static bool Matches(Officer officer, string word) =>
        Contains(officer.Name, word) || Contains(officer.Email, word) || Contains(officer.Designation, word);

    private static bool Contains(string text, string word) =>
        CultureInfo.InvariantCulture.CompareInfo.IndexOf(text, word, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;

    /// <summary>One person as the file gives them, with where they are in it ("line 4", "entry 3").</summary>
    private sealed record Entry(string Location, string? Email, string? Name, string? Designation, string? Manager);

    /// <summary>One element of the JSON array; a misspelt field is refused rather than read as a missing one.</summary>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    private sealed record JsonOfficer(string? Email, string? Name, string? Designation, string? Manager);

    private static List<Entry> ReadJson(string text)
    {
        List<JsonOfficer?>? officers;
        try
        {
            officers = JsonSerializer.Deserialize<List<JsonOfficer?>>(text, JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new FormatException(JsonProblem(exception), exception);
        }
        if (officers is null)
        {
            throw new FormatException(NotAnArray);
        }
        return [.. officers.Select((officer, index) => officer is null
            ? throw new FormatException($"entry {index + 1}: {NotAnObject}")
            : new Entry($"entry {index + 1}", officer.Email, officer.Name, officer.Designation, officer.Manager))];
    }

    /// <summary>
    /// What the serializer's complaint means for someone editing the file. Its path says where: "$" is the whole file,
    /// "$[2]" the third entry, "$[2].name" a field of it.
    /// </summary>
    private static string JsonProblem(JsonException exception)
    {
        // The serializer wraps the reader's syntax errors; its own errors (wrong shape, unknown field) stand alone.
        if (exception.InnerException is JsonException || exception.Path is null)
        {
            return $"not valid JSON at line {exception.LineNumber + 1}: {exception.Message.TrimEnd('.')}";
        }
        var path = exception.Path;
        var close = path.IndexOf(']', StringComparison.Ordinal);
        if (!path.StartsWith("$[", StringComparison.Ordinal) || close < 0
            || !int.TryParse(path.AsSpan(2, close - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return NotAnArray;
        }
        var location = $"entry {index + 1}";
        var member = path[(close + 1)..] switch
        {
            ['.', .. var name] => name,
            ['[', '\'', .. var name, '\'', ']'] => name,
            _ => null,
        };
        if (member is null)
        {
            return $"{location}: {NotAnObject}";
        }
        var column = Columns.FirstOrDefault(column => column.Equals(member, StringComparison.OrdinalIgnoreCase));
        return column switch
        {
            null => $"{location}: unknown field \"{member}\" (expected {string.Join(", ", Columns)})",
            "manager" => $"{location}: \"{member}\" must be a string or null",
            _ => $"{location}: \"{member}\" must be a string",
        };
    }

    private static List<Entry> ReadCsv(string text)
    {
        CsvMalformedRecord? malformed = null;
        var options = CsvReaderOptions.Default with
        {
            // A directory is always comma-separated; guessing from the first lines could take a name's comma for it.
            Separator = ',',
            DetectSeparatorHint = false,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => malformed ??= record,
        };
        using var reader = CsvReader.FromText(text, options);
        var header = reader.Headers;
        if (header.Count == 0 && malformed is null)
        {
            throw new FormatException($"the file is empty; it needs the header line {string.Join(",", Columns)}");
        }
        ThrowIfMalformed(malformed);
        var names = header.Select(name => name.Trim().ToLowerInvariant()).ToList();
        if (names.Count != Columns.Length || Columns.Any(column => !names.Contains(column)))
        {
            throw new FormatException($"line {reader.LineNumber}: the header must be {string.Join(",", Columns)}, not {string.Join(",", header)}");
        }
        var at = Columns.ToDictionary(column => column, column => names.IndexOf(column));
        List<Entry> entries = [];
        while (reader.Read())
        {
            ThrowIfMalformed(malformed);
            var location = $"line {reader.LineNumber}";
            if (reader.FieldCount != Columns.Length)
            {
                throw new FormatException($"{location}: expected {Columns.Length} fields ({string.Join(",", Columns)}), found {reader.FieldCount}");
            }
            entries.Add(new Entry(
                location,
                reader.GetString(at["email"]),
                reader.GetString(at["name"]),
                reader.GetString(at["designation"]),
                reader.GetString(at["manager"])));
        }
        ThrowIfMalformed(malformed);
        return entries;
    }

    // The reader skips a badly quoted record and goes on; for a directory that is an error to fix, not a line to lose,
    // because a half-quoted field usually means a person's name was cut in two.
    private static void ThrowIfMalformed(CsvMalformedRecord? malformed)
    {
        if (malformed is not { } record)
        {
            return;
        }
        var problem = record.Reason switch
        {
            CsvMalformedReason.StrayQuote => "a quote inside an unquoted field (quote the whole field and double the quote: \"\"like this\"\")",
            CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote (a field is either wholly quoted or not quoted)",
            CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
            var reason => $"malformed CSV ({reason})",
        };
        throw new FormatException($"line {record.LineNumber}: {problem}");
    }

    private static List<Officer> Check(List<Entry> entries)
    {
        List<Officer> officers = [];
        var locationOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var email = Officer.NormaliseEmail(Required(entry, "email", entry.Email));
            var name = Required(entry, "name", entry.Name);
            var designation = Required(entry, "designation", entry.Designation);
            if (!EmailAddress.IsValid(email))
            {
                throw new FormatException($"{entry.Location}: \"{entry.Email}\" is not a valid email address");
            }
            string? manager = null;
            if (!string.IsNullOrWhiteSpace(entry.Manager))
            {
                manager = Officer.NormaliseEmail(entry.Manager);
                if (!EmailAddress.IsValid(manager))
                {
                    throw new FormatException($"{entry.Location}: manager \"{entry.Manager}\" is not a valid email address");
                }
                if (manager == email)
                {
                    throw new FormatException($"{entry.Location}: {email} is their own manager");
                }
            }
            if (!locationOf.TryAdd(email, entry.Location))
            {
                throw new FormatException($"{entry.Location}: duplicate email {email} (already at {locationOf[email]})");
            }
            officers.Add(new Officer(email, name, designation, manager));
        }

        var byEmail = officers.ToDictionary(officer => officer.Email, StringComparer.Ordinal);
        foreach (var officer in officers)
        {
            if (officer.ManagerEmail is { } manager && !byEmail.ContainsKey(manager))
            {
                throw new FormatException($"{locationOf[officer.Email]}: manager {manager} of {officer.Email} is not in the directory");
            }
        }
        foreach (var officer in officers)
        {
            CheckChainEnds(officer, byEmail, locationOf);
        }
        return officers;
    }

    // Escalation climbs the manager chain; a loop would send it round for ever, so every chain must reach someone
    // with no manager.
    private static void CheckChainEnds(Officer officer, Dictionary<string, Officer> byEmail, Dictionary<string, string> locationOf)
    {
        List<string> chain = [officer.Email];
        var current = officer;
        while (current.ManagerEmail is { } manager)
        {
            if (chain.Contains(manager))
            {
                throw new FormatException($"{locationOf[officer.Email]}: the manager chain of {officer.Email} loops: {string.Join(" -> ", chain)} -> {manager}");
            }
            chain.Add(manager);
            current = byEmail[manager];
        }
    }

    private static string Required(Entry entry, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new FormatException($"{entry.Location}: missing {field}");
        }
        var trimmed = value.Trim();
        // A line break in a name or title would break the statement table and every mail header it reaches.
        if (trimmed.Any(char.IsControl))
        {
            throw new FormatException($"{entry.Location}: {field} contains a line break or control character");
        }
        return trimmed;
    }
}
