using System.Collections;
using System.Text;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;

namespace ScrutinyWorkflow.Web.Notifications;

/// <summary>A template filled in: the subject line, and the body as Markdown with every value escaped.</summary>
public sealed record FilledTemplate(string Subject, string BodyMarkdown);

/// <summary>
/// The words of every message, as Liquid templates (Fluid) a council can edit: the defaults shipped with the app
/// (<c>samples/templates/</c>), or a folder of the council's own (<c>Scrutiny:Mail:TemplatesPath</c>) holding every
/// template. Each file is a header comment, a <c>Subject:</c> line, then the body in Markdown. All are read and
/// checked at start: a missing file, a syntax error or a placeholder the catalogue does not list stops the host
/// naming the file, the line and the placeholder.
/// </summary>
public sealed partial class MessageTemplates
{
    public const string Extension = ".md";
    private const string SubjectPrefix = "Subject:";
    private const string ResourcePrefix = "MailTemplates.";

    private static readonly FluidParser Parser = new();

    private static readonly TemplateOptions Options = CreateOptions();

    private readonly Dictionary<string, (IFluidTemplate Subject, IFluidTemplate Body)> templates;

    private MessageTemplates(Dictionary<string, (IFluidTemplate, IFluidTemplate)> templates) => this.templates = templates;

    /// <summary>Where the templates came from: the folder, or "the defaults shipped with the app".</summary>
    public string Source { get; private init; } = "";

    /// <summary>The council's folder of templates, or the shipped defaults when <paramref name="folder"/> is blank.</summary>
    /// <exception cref="InvalidDataException">A template is missing or wrong; the message names the file and what to change.</exception>
    public static MessageTemplates Load(string? folder)
    {
        if (!string.IsNullOrWhiteSpace(folder) && !Directory.Exists(folder))
        {
            throw new InvalidDataException($"Scrutiny:Mail:TemplatesPath '{folder}' is not a folder. Copy samples/templates there and edit them, or leave the setting blank for the defaults.");
        }
        var parsed = new Dictionary<string, (IFluidTemplate, IFluidTemplate)>();
        var problems = new List<string>();
        foreach (var spec in TemplateCatalogue.All)
        {
            var fileName = spec.Name + Extension;
            var path = string.IsNullOrWhiteSpace(folder) ? fileName : Path.Combine(folder, fileName);
            var source = string.IsNullOrWhiteSpace(folder) ? Shipped(fileName)
                : File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8)
                : spec.ShippedWhenMissing ? Shipped(fileName)
                : null;
            if (source is null)
            {
                problems.Add($"{path}: the template is missing ({spec.SentWhen}). Copy it from samples/templates.");
                continue;
            }
            try
            {
                parsed[spec.Name] = Parse(source, path, spec);
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
            }
        }
        return problems.Count > 0
            ? throw new InvalidDataException(string.Join(Environment.NewLine, problems))
            : new MessageTemplates(parsed) { Source = string.IsNullOrWhiteSpace(folder) ? "the defaults shipped with the app" : folder };
    }

    /// <summary>The shipped default of a template, as a council starts from.</summary>
    public static string? Shipped(string fileName)
    {
        using var stream = typeof(MessageTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + fileName);
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Fills in a template. String values are escaped for Markdown in the body, so a question or a name can never
    /// add a link, a list or emphasis; <see cref="Uri"/> values (links) go in as they are.
    /// </summary>
    public FilledTemplate Fill(string name, IReadOnlyDictionary<string, object?> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (subject, body) = templates[name];
        var filledSubject = subject.Render(Context(model, escape: null), NullEncoder.Default);
        var filledBody = body.Render(Context(model, escape: EscapeMarkdown), NullEncoder.Default);
        return new FilledTemplate(string.Join(' ', filledSubject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), filledBody);
    }

    /// <summary>Backslash before every ASCII punctuation character: CommonMark reads each as the character itself.</summary>
    public static string EscapeMarkdown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c > '~' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append('\\').Append(c);
            }
        }
        return escaped.ToString();
    }

    private static (IFluidTemplate, IFluidTemplate) Parse(string source, string path, TemplateSpec spec)
    {
        var text = source.ReplaceLineEndings("\n");
        var lines = text.Split('\n');
        // The subject is the first line (after the header comment) that starts "Subject:"; the body follows it.
        var afterComment = Math.Max(0, HeaderEnd(text));
        var firstLine = text[..afterComment].Count(c => c == '\n');
        var subjectLine = Array.FindIndex(lines, firstLine, line => line.TrimStart().StartsWith(SubjectPrefix, StringComparison.OrdinalIgnoreCase));
        if (subjectLine < 0)
        {
            throw new InvalidDataException($"{path}: no \"Subject:\" line. After the header comment, the first line is \"Subject: ...\", then the body.");
        }
        var subjectSource = lines[subjectLine].TrimStart()[SubjectPrefix.Length..];
        var bodySource = string.Join('\n', lines.Skip(subjectLine + 1));
        var subject = Compile(subjectSource, path, subjectLine, spec, lines);
        var body = Compile(bodySource, path, subjectLine + 1, spec, lines);
        return (subject, body);
    }

    private static IFluidTemplate Compile(string source, string path, int firstLine, TemplateSpec spec, string[] lines)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new InvalidDataException($"{path}: {ShiftLine(error, firstLine)}");
        }
        var allowed = TemplateCatalogue.PlaceholdersOf(spec);
        var visitor = new PlaceholderVisitor();
        visitor.VisitTemplate(template);
        foreach (var used in visitor.Used)
        {
            var root = used.Split('.')[0];
            var known = allowed.ContainsKey(used)
                || (allowed.ContainsKey(root) && used.Split('.') is [_, "size" or "first" or "last"] or [_, "area" or "text" or "also_asked"])
                || (visitor.Locals.Contains(root) && (used == root || TemplateCatalogue.QuestionFields.ContainsKey(used[(root.Length + 1)..]) || TemplateCatalogue.ReceiptFields.ContainsKey(used[(root.Length + 1)..]) || used[(root.Length + 1)..] is "size"))
                || root is "forloop" or "empty" or "blank" or "nil" or "true" or "false";
            if (!known)
            {
                var line = Array.FindIndex(lines, firstLine, l => l.Contains(used, StringComparison.Ordinal));
                throw new InvalidDataException(
                    $"{path}{(line >= 0 ? $", line {line + 1}" : "")}: the placeholder {{{{ {used} }}}} is not one this template has. It may use: {string.Join(", ", allowed.Keys)}{(spec.Placeholders.ContainsKey("questions") ? " (and, for each of questions, area, text and also_asked)" : "")}.");
            }
        }
        return template;
    }

    /// <summary>Fluid counts lines from the start of the part it parsed; the council counts from the top of the file.</summary>
    private static string ShiftLine(string error, int firstLine) =>
        LineInError().Replace(error, m => $"line {int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + firstLine}");

    private static int HeaderEnd(string text)
    {
        const string End = "{% endcomment %}";
        var end = text.IndexOf(End, StringComparison.Ordinal);
        return end < 0 ? 0 : end + End.Length;
    }

    private static TemplateContext Context(IReadOnlyDictionary<string, object?> model, Func<string, string>? escape)
    {
        var context = new TemplateContext(Options);
        foreach (var (name, value) in model)
        {
            context.SetValue(name, Prepare(value, escape));
        }
        return context;
    }

    /// <summary>Escapes every string in the model for the body; links (Uri) become their address as it stands.</summary>
    private static object? Prepare(object? value, Func<string, string>? escape) => value switch
    {
        string s => escape is null ? s : escape(s),
        Uri uri => uri.AbsoluteUri,
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => Prepare(p.Value, escape)),
        IEnumerable items and not string => items.Cast<object?>().Select(item => Prepare(item, escape)).ToList(),
        _ => value,
    };

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { CultureInfo = System.Globalization.CultureInfo.InvariantCulture };
        return options;
    }

    [GeneratedRegex(@"line (\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex LineInError();

    /// <summary>Collects every placeholder path a template names ("officer.name"), and the names it makes itself (for, assign, capture).</summary>
    private sealed class PlaceholderVisitor : AstVisitor
    {
        public List<string> Used { get; } = [];

        public HashSet<string> Locals { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            Used.Add(string.Join('.', memberExpression.Segments.TakeWhile(s => s is IdentifierSegment).Cast<IdentifierSegment>().Select(s => s.Identifier)));
            return base.VisitMemberExpression(memberExpression);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            Locals.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }

        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            Locals.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            Locals.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }
    }
}
