using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace ScrutinyWorkflow.Documents.Tests.Statements;

/// <summary>What every generated Word file must pass: the Open XML SDK's validator, and LibreOffice turning it into a PDF.</summary>
internal static class WordChecks
{
    public static List<string> ValidationErrors(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, isEditable: false);
        return [.. new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")];
    }

    /// <summary>
    /// Converts with LibreOffice and renders every page with pdftoppm into <c>rendered/&lt;name&gt;</c> under the test
    /// output, for a person to look at; returns the page images.
    /// </summary>
    public static async Task<string[]> ConvertAndRenderAsync(byte[] docx, string name)
    {
        // Ten minutes is a ceiling for a loaded machine, not an expected time: a conversion takes seconds when it is quiet.
        var pdf = await new Documents.Statements.LibreOfficePdf(timeLimit: TimeSpan.FromMinutes(10)).ConvertAsync(docx, CancellationToken.None);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        var folder = Path.Combine(AppContext.BaseDirectory, "rendered", name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, name + ".pdf"), pdf);
        await File.WriteAllBytesAsync(Path.Combine(folder, name + ".docx"), docx);
        using var render = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "60", Path.Combine(folder, name + ".pdf"), Path.Combine(folder, "page")]))!;
        await render.WaitForExitAsync();
        Assert.Equal(0, render.ExitCode);
        return Directory.GetFiles(folder, "page*.png").Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The text of the PDF <see cref="ConvertAndRenderAsync"/> made for <paramref name="name"/>, as pdftotext reads it, spaces and line breaks run together.</summary>
    public static async Task<string> RenderedTextAsync(string name)
    {
        using var read = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", Path.Combine(AppContext.BaseDirectory, "rendered", name, name + ".pdf"), "-"]) { RedirectStandardOutput = true })!;
        var text = await read.StandardOutput.ReadToEndAsync();
        await read.WaitForExitAsync();
        Assert.Equal(0, read.ExitCode);
        return string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));
    }
}
