using System.Globalization;
using SampleReports;

// Usage: SampleReports <source.txt> <output directory> [--name <name>] [--repeat-narrative <times>]
// Writes <name>.html or <name>.md for those formats, and for "pdf" samples what each of its producers starts from:
// <name>.docx (LibreOffice; also for "docx" samples), <name>.print.html (Chromium) or <name>.pdfpig.pdf itself;
// and <name>.expected.json.
if (args.Length < 2)
{
    Console.Error.WriteLine("Usage: SampleReports <source.txt> <output directory> [--name <name>] [--repeat-narrative <times>]");
    return 2;
}

var sourcePath = args[0];
var outputDirectory = args[1];
var name = Path.GetFileNameWithoutExtension(sourcePath);
var repeat = 1;
for (var i = 2; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--name":
            name = args[i + 1];
            break;
        case "--repeat-narrative":
            repeat = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}");
            return 2;
    }
}

var source = ReportSourceParser.Parse(File.ReadAllText(sourcePath));
if (repeat > 1)
{
    source = Narrative.Repeat(source, repeat);
}
Directory.CreateDirectory(outputDirectory);
var basePath = Path.Combine(outputDirectory, name);

switch (source.Format)
{
    case "pdf":
        foreach (var producer in source.Producers)
        {
            switch (producer)
            {
                case "libreoffice":
                    DocxWriter.Write(source, basePath + ".docx");
                    break;
                case "chromium":
                    File.WriteAllText(basePath + ".print.html", HtmlWriter.WriteForPrint(source));
                    break;
                case "pdfpig":
                    PdfPigWriter.Write(source, basePath + ".pdfpig.pdf");
                    break;
                default:
                    Console.Error.WriteLine($"Unknown producer '{producer}' in {sourcePath}");
                    return 2;
            }
        }
        break;
    case "docx":
        DocxWriter.Write(source, basePath + ".docx");
        break;
    case "html":
        File.WriteAllText(basePath + ".html", HtmlWriter.Write(source));
        break;
    case "markdown":
        File.WriteAllText(basePath + ".md", MarkdownWriter.Write(source));
        break;
    default:
        Console.Error.WriteLine($"Unknown format '{source.Format}' in {sourcePath}");
        return 2;
}
File.WriteAllText(basePath + ".expected.json", ExpectedQuestions.ToJson(ExpectedQuestions.From(source)));
Console.WriteLine($"{sourcePath} -> {basePath}.*");
return 0;
