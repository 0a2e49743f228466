using System.Text;
using System.Text.Json;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Officers;

/// <summary>
/// The officer directory as a file the council keeps by hand or exports from HR: JSON
/// (<c>[{ "email", "name", "designation", "manager" }]</c>) or CSV with the header
/// <c>email,name,designation,manager</c>. Loaded once and checked whole, so a mistake in the file stops the app at
/// start-up with the line to fix, instead of surfacing weeks later as an escalation that goes nowhere.
/// </summary>
public sealed class FileOfficerDirectory : IOfficerDirectory
{
    private static readonly string[] Columns = ["email", "name", "designation", "manager"];

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

    /// <summary>One person as the file gives them, with where they are in it ("line 4", "entry 3").</summary>
    private sealed record Entry(string Location, string? Email, string? Name, string? Designation, string? Manager);

    private static List<Entry> ReadJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException exception)
        {
            throw new FormatException($"not valid JSON at line {exception.LineNumber + 1}: {exception.Message}", exception);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("the file must hold a JSON array of officers: [{ \"email\": ..., \"name\": ..., \"designation\": ..., \"manager\": ... }]");
            }
            List<Entry> entries = [];
            var number = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                number++;
                var location = $"entry {number}";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"{location}: expected an object with email, name, designation and manager");
                }
                var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in element.EnumerateObject())
                {
                    if (!Columns.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                    {
                        throw new FormatException($"{location}: unknown field \"{property.Name}\" (expected {string.Join(", ", Columns)})");
                    }
                    fields[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null => null,
                        _ => throw new FormatException($"{location}: \"{property.Name}\" must be a string{(property.Name.Equals("manager", StringComparison.OrdinalIgnoreCase) ? " or null" : "")}"),
                    };
                }
                entries.Add(new Entry(
                    location,
                    fields.GetValueOrDefault("email"),
                    fields.GetValueOrDefault("name"),
                    fields.GetValueOrDefault("designation"),
                    fields.GetValueOrDefault("manager")));
            }
            return entries;
        }
    }

    private static List<Entry> ReadCsv(string text)
    {
        using var records = CsvRecords.Read(text).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new FormatException($"the file is empty; it needs the header line {string.Join(",", Columns)}");
        }
        var header = records.Current.Fields.Select(field => field.Trim().ToLowerInvariant()).ToList();
        if (header.Count != Columns.Length || Columns.Any(column => !header.Contains(column)))
        {
            throw new FormatException($"line {records.Current.Line}: the header must be {string.Join(",", Columns)}, not {string.Join(",", records.Current.Fields)}");
        }
        var at = Columns.ToDictionary(column => column, column => header.IndexOf(column));
        List<Entry> entries = [];
        while (records.MoveNext())
        {
            var record = records.Current;
            var location = $"line {record.Line}";
            if (record.Fields.Count != Columns.Length)
            {
                throw new FormatException($"{location}: expected {Columns.Length} fields ({string.Join(",", Columns)}), found {record.Fields.Count}");
            }
            entries.Add(new Entry(
                location,
                record.Fields[at["email"]],
                record.Fields[at["name"]],
                record.Fields[at["designation"]],
                record.Fields[at["manager"]]));
        }
        return entries;
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
