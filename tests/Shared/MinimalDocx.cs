using System.IO.Compression;
using System.Text;

namespace ScrutinyWorkflow.Testing;

/// <summary>
/// Builds the smallest .docx Word's libraries accept, around the body XML a test or benchmark needs (hostile
/// ones included). Compiled into the tests and the benchmark from this one file.
/// </summary>
internal static class MinimalDocx
{
    /// <summary>
    /// The package with <paramref name="bodyXml"/> in the main part <paramref name="mainPart"/> (which the package's
    /// relationships, not its name, make the document).
    /// </summary>
    public static byte[] Build(string bodyXml, Action<ZipArchive>? addEntries = null, string mainPart = "word/document.xml")
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/{mainPart}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                </Types>
                """);
            Write(zip, "_rels/.rels", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{mainPart}"/>
                </Relationships>
                """);
            Write(zip, mainPart, $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{bodyXml}</w:body></w:document>
                """);
            addEntries?.Invoke(zip);
        }
        return output.ToArray();
    }

    public static void Write(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
