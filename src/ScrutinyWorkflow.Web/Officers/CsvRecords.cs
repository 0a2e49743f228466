using System.Text;

namespace ScrutinyWorkflow.Web.Officers;

/// <summary>
/// An RFC 4180 CSV reader: comma-separated fields, double quotes around fields that hold commas, quotes or line
/// breaks, a doubled quote for a quote. It accepts LF as well as CRLF line ends, skips blank lines, and is strict
/// about stray quotes, because a half-quoted field in a directory usually means a person's name was cut in two.
/// </summary>
internal static class CsvRecords
{
    /// <summary>One record and the line it starts on (1-based), for error messages.</summary>
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    /// <exception cref="FormatException">A quote is out of place or never closed; the message names the line.</exception>
    public static IEnumerable<Record> Read(string text)
    {
        var line = 1;
        var position = 0;
        while (position < text.Length)
        {
            var startLine = line;
            List<string> fields = [];
            var field = new StringBuilder();
            var quoted = false;
            var endOfRecord = false;
            while (!endOfRecord)
            {
                if (position == text.Length)
                {
                    fields.Add(field.ToString());
                    break;
                }
                var c = text[position];
                if (field.Length == 0 && !quoted && c == '"')
                {
                    quoted = true;
                    position = ReadQuoted(text, position + 1, field, ref line, startLine);
                    continue;
                }
                switch (c)
                {
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        quoted = false;
                        position++;
                        break;
                    case '\r' or '\n':
                        fields.Add(field.ToString());
                        position += c == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
                        line++;
                        endOfRecord = true;
                        break;
                    case '"':
                        throw new FormatException($"line {line}: a quote inside an unquoted field (quote the whole field and double the quote: \"\"like this\"\")");
                    default:
                        if (quoted)
                        {
                            throw new FormatException($"line {line}: text after a closing quote (a field is either wholly quoted or not quoted)");
                        }
                        field.Append(c);
                        position++;
                        break;
                }
            }
            if (fields.Count > 1 || fields[0].Length > 0 || quoted)
            {
                yield return new Record(startLine, fields);
            }
        }
    }

    // Reads a quoted field's content after its opening quote; returns the position after the closing quote.
    private static int ReadQuoted(string text, int position, StringBuilder field, ref int line, int startLine)
    {
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '"')
            {
                if (position + 1 < text.Length && text[position + 1] == '"')
                {
                    field.Append('"');
                    position += 2;
                    continue;
                }
                return position + 1;
            }
            if (c == '\n' || (c == '\r' && (position + 1 == text.Length || text[position + 1] != '\n')))
            {
                line++;
            }
            field.Append(c);
            position++;
        }
        throw new FormatException($"line {startLine}: a quoted field is never closed");
    }
}
