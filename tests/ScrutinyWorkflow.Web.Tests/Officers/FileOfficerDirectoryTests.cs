using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Officers;

namespace ScrutinyWorkflow.Web.Tests.Officers;

public sealed class FileOfficerDirectoryTests : IDisposable
{
    private const string Header = "email,name,designation,manager\n";

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static string SamplesFolder() => Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples");

    private string Write(string fileName, string content)
    {
        var path = folder.Combine(fileName);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void The_sample_JSON_and_CSV_directories_load_and_hold_the_same_people()
    {
        var json = FileOfficerDirectory.Load(Path.Combine(SamplesFolder(), "directory.json"));
        var csv = FileOfficerDirectory.Load(Path.Combine(SamplesFolder(), "directory.csv"));

        Assert.InRange(json.All.Count, 12, 20);
        Assert.Equal(json.All, csv.All);
    }

    [Theory]
    [InlineData("sian", "head.of.service@council.example")]
    [InlineData("SIAN llew", "head.of.service@council.example")]
    [InlineData("zoe", "zoe.fairbrother@council.example")]
    [InlineData("adult safeguarding", "eleanor.hughes@council.example")]
    [InlineData("domestic abuse", "zoe.fairbrother@council.example")]
    public async Task A_search_ignores_accents_and_case_and_finds_people_by_job_title(string typed, string expected)
    {
        var directory = FileOfficerDirectory.Load(Path.Combine(SamplesFolder(), "directory.json"));

        var found = await directory.SearchAsync(typed, 10, CancellationToken.None);

        Assert.Equal([expected], found.Select(o => o.Email));
    }

    [Fact]
    public async Task A_search_for_a_word_nobody_has_finds_nobody()
    {
        var directory = FileOfficerDirectory.Load(Path.Combine(SamplesFolder(), "directory.json"));

        Assert.Empty(await directory.SearchAsync("astronaut", 10, CancellationToken.None));
    }

    [Fact]
    public async Task The_sample_directory_has_the_officers_the_README_uses_each_with_a_chain_up_to_a_director()
    {
        var directory = FileOfficerDirectory.Load(Path.Combine(SamplesFolder(), "directory.json"));

        var head = await directory.FindAsync("head.of.service@council.example", CancellationToken.None);
        Assert.Equal("Head of Service, Children in Care", head?.Designation);
        Assert.NotNull(await directory.FindAsync("data.team@council.example", CancellationToken.None));
        foreach (var officer in directory.All)
        {
            var top = officer;
            while (top.ManagerEmail is { } manager)
            {
                top = (await directory.FindAsync(manager, CancellationToken.None))!;
            }
            Assert.StartsWith("Director of ", top.Designation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Finds_an_officer_by_email_ignoring_case_and_surrounding_spaces()
    {
        var path = Write("people.csv", Header +
            " Aisha.Rahman@Council.Example ,Aisha Rahman,Director of Children's Services,\n" +
            "tom.okafor@council.example,Tom Okafor,\"Team Manager, Looked After Children\",AISHA.RAHMAN@council.example\n");
        var directory = FileOfficerDirectory.Load(path);

        var tom = await directory.FindAsync("  TOM.Okafor@COUNCIL.example ", CancellationToken.None);

        Assert.Equal(new Officer("tom.okafor@council.example", "Tom Okafor", "Team Manager, Looked After Children", "aisha.rahman@council.example"), tom);
        Assert.Equal("aisha.rahman@council.example", directory.All[0].Email);
    }

    [Fact]
    public async Task Finds_nobody_for_an_address_not_in_the_directory()
    {
        var directory = FileOfficerDirectory.Load(Path.Combine(SamplesFolder(), "directory.json"));

        Assert.Null(await directory.FindAsync("nobody@council.example", CancellationToken.None));
        Assert.Null(await directory.FindAsync("", CancellationToken.None));
    }

    [Fact]
    public void Reads_RFC_4180_quoting_CRLF_line_ends_a_byte_order_mark_and_blank_lines()
    {
        var path = Write("people.csv",
            "\uFEFFemail,name,designation,manager\r\n" +
            "a@council.example,\"Rahman, Aisha \"\"Ash\"\"\",\"Director, Children's Services\",\r\n" +
            "\r\n" +
            "b@council.example,Bea,Officer,\"a@council.example\"\r\n");

        var directory = FileOfficerDirectory.Load(path);

        Assert.Equal(
            new[]
            {
                new Officer("a@council.example", "Rahman, Aisha \"Ash\"", "Director, Children's Services", null),
                new Officer("b@council.example", "Bea", "Officer", "a@council.example"),
            },
            directory.All);
    }

    [Fact]
    public void Accepts_the_CSV_columns_in_any_order()
    {
        var path = Write("people.csv", "Manager,Name,Email,Designation\n,Aisha Rahman,a@council.example,Director\n");

        Assert.Equal(new Officer("a@council.example", "Aisha Rahman", "Director", null), Assert.Single(FileOfficerDirectory.Load(path).All));
    }

    [Fact]
    public void Reads_JSON_with_a_missing_or_empty_manager_as_no_manager()
    {
        var path = Write("people.json", """
            [
              { "email": "a@council.example", "name": "Aisha Rahman", "designation": "Director" },
              { "email": "b@council.example", "name": "Bea", "designation": "Officer", "manager": "" },
              { "email": "c@council.example", "name": "Cai", "designation": "Officer", "manager": "a@council.example" }
            ]
            """);

        var all = FileOfficerDirectory.Load(path).All;

        Assert.Equal(new string?[] { null, null, "a@council.example" }, all.Select(officer => officer.ManagerEmail));
    }

    [Theory]
    [InlineData(",Aisha Rahman,Director,", "line 2: missing email")]
    [InlineData("a@council.example,,Director,", "line 2: missing name")]
    [InlineData("a@council.example,Aisha Rahman,  ,", "line 2: missing designation")]
    [InlineData("a@council.example,Aisha Rahman,Director\n", "line 2: expected 4 fields (email,name,designation,manager), found 3")]
    [InlineData("a.council.example,Aisha Rahman,Director,", "line 2: \"a.council.example\" is not a valid email address")]
    [InlineData("a@council,Aisha Rahman,Director,", "line 2: \"a@council\" is not a valid email address")]
    [InlineData("a@council.example,Aisha Rahman,Director,boss at council", "line 2: manager \"boss at council\" is not a valid email address")]
    [InlineData("a@council.example,Aisha Rahman,Director,\nA@Council.example,Aisha Again,Director,", "line 3: duplicate email a@council.example (already at line 2)")]
    [InlineData("a@council.example,Aisha Rahman,Director,nobody@council.example", "line 2: manager nobody@council.example of a@council.example is not in the directory")]
    [InlineData("a@council.example,Aisha Rahman,Director, A@council.example", "line 2: a@council.example is their own manager")]
    [InlineData(
        "d@council.example,Dee,Officer,a@council.example\na@council.example,Ash,Manager,b@council.example\nb@council.example,Bea,Manager,c@council.example\nc@council.example,Cai,Manager,a@council.example",
        "line 2: the manager chain of d@council.example loops: d@council.example -> a@council.example -> b@council.example -> c@council.example -> a@council.example")]
    [InlineData("a@council.example,Ash \"the\" Boss,Director,", "line 2: a quote inside an unquoted field")]
    [InlineData("a@council.example,\"Ash\" Boss,Director,", "line 2: text after a closing quote")]
    [InlineData("a@council.example,Ash,Director,\nb@council.example,\"Bea,Officer,", "line 3: a quoted field is never closed")]
    [InlineData("a@council.example,\"Ash\nRahman\",Director,\nb@council.example,Bea \"x\",Officer,", "line 4: a quote inside an unquoted field")]
    [InlineData("a@council.example,\"Ash\nRahman\",Director,", "line 2: name contains a line break or control character")]
    public void Rejects_a_CSV_file_with_a_specific_message(string rows, string problem)
    {
        var path = Write("people.csv", Header + rows);

        var error = Assert.Throws<InvalidDataException>(() => FileOfficerDirectory.Load(path));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("email,name,designation\n", "line 1: the header must be email,name,designation,manager, not email,name,designation")]
    [InlineData("email,name,title,manager\n", "line 1: the header must be email,name,designation,manager")]
    public void Rejects_a_CSV_file_without_the_expected_header(string content, string problem)
    {
        var path = Write("people.csv", content);

        var error = Assert.Throws<InvalidDataException>(() => FileOfficerDirectory.Load(path));

        Assert.Equal($"{path}: {problem}", error.Message[..(path.Length + 2 + problem.Length)]);
    }

    [Theory]
    [InlineData("""[{ "name": "Aisha Rahman", "designation": "Director" }]""", "entry 1: missing email")]
    [InlineData("""[{ "email": "a@council.example", "name": "Aisha", "designation": "Director" }, { "email": "b@council.example", "name": "Bea" }]""", "entry 2: missing designation")]
    [InlineData("""[{ "email": "a@council.example", "name": "Aisha", "designation": "Director", "manger": null }]""", "entry 1: unknown field \"manger\"")]
    [InlineData("""[{ "email": "a@council.example", "name": 7, "designation": "Director" }]""", "entry 1: \"name\" must be a string")]
    [InlineData("""[{ "email": "a@council.example", "name": "Aisha", "designation": "Director", "manager": 3 }]""", "entry 1: \"manager\" must be a string or null")]
    [InlineData("""["a@council.example"]""", "entry 1: expected an object")]
    [InlineData("""{ "email": "a@council.example" }""", "the file must hold a JSON array of officers")]
    [InlineData("""[{ "email": "a@council.example", """, "not valid JSON at line 1")]
    [InlineData("""[{ "email": "a@council.example", "name": "A", "designation": "D", "manager": "a@council.example" }]""", "entry 1: a@council.example is their own manager")]
    [InlineData("""[{ "email": "a@council.example", "name": "A", "designation": "D", "manager": "b@council.example" }, { "email": "b@council.example", "name": "B", "designation": "D", "manager": "a@council.example" }]""", "entry 1: the manager chain of a@council.example loops: a@council.example -> b@council.example -> a@council.example")]
    [InlineData("""[{ "email": "a@council.example", "name": "A", "designation": "D" }, { "email": "a@council.example", "name": "B", "designation": "D" }]""", "entry 2: duplicate email a@council.example (already at entry 1)")]
    public void Rejects_a_JSON_file_with_a_specific_message(string content, string problem)
    {
        var path = Write("people.json", content);

        var error = Assert.Throws<InvalidDataException>(() => FileOfficerDirectory.Load(path));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_JSON_entry_with_a_field_the_directory_does_not_have_naming_the_file_and_the_entry()
    {
        var path = Write("people.json", """
            [
              { "email": "a@council.example", "name": "Aisha Rahman", "designation": "Director" },
              { "email": "b@council.example", "name": "Bea", "designation": "Officer", "department": "Children's Services" }
            ]
            """);

        var error = Assert.Throws<InvalidDataException>(() => FileOfficerDirectory.Load(path));

        Assert.Equal($"{path}: entry 2: unknown field \"department\" (expected email, name, designation, manager).", error.Message);
    }

    [Fact]
    public void Rejects_a_file_that_is_neither_JSON_nor_CSV()
    {
        var path = Write("people.xlsx", "");

        var error = Assert.Throws<InvalidDataException>(() => FileOfficerDirectory.Load(path));

        Assert.Equal($"{path}: an officer directory must be a .json or .csv file, not \".xlsx\".", error.Message);
    }
}
