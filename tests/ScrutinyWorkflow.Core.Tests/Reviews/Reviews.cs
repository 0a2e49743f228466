using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>A small council and a review to run through the decider. Dates sit in winter 2026/27, so local time is GMT.</summary>
internal static class Reviews
{
    public const string Id = "rv-test";

    public static readonly Officer Head = new("head.of.service@council.example", "Asha Patel", "Head of Service, Children in Care", "director@council.example");
    public static readonly Officer Data = new("data.team@council.example", "Ben Okafor", "Data and Performance Lead", "head.of.service@council.example");
    public static readonly Officer Leaving = new("leaving.care@council.example", "Cara Jones", "Leaving Care Manager", "head.of.service@council.example");
    public static readonly Officer Housing = new("housing@council.example", "Dev Singh", "Housing Options Manager", null);
    public static readonly Officer[] Council = [Head, Data, Leaving, Housing];

    public static readonly FocusReport Report = new("Careless: helping to improve council services to children in care", new YearMonth(2020, 12));
    public static readonly Panel ThePanel = new("Children and Families Scrutiny Panel", "panel@council.example");

    /// <summary>Wednesday 20 January 2027.</summary>
    public static readonly DateOnly Meeting = new(2027, 1, 20);

    /// <summary>Friday 8 January 2027: seven clear working days before the meeting.</summary>
    public static readonly DateOnly Deadline = new(2027, 1, 8);

    /// <summary>The officer answering for themselves.</summary>
    public static Respondent By(Officer officer) => new(officer.Email);

    public static DateTimeOffset At(int year, int month, int day, int hour = 10, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>When the receipt for an answer sent at <paramref name="at"/>, with nothing more after it, goes.</summary>
    public static DateTime ReceiptDue(DateTimeOffset at) => at.DateTime + ReviewPolicy.Default.ReceiptQuietPeriod;

    /// <summary>The pass that sends the receipts for answers up to <paramref name="lastAnswer"/>, so a later pass fires only what a test is about.</summary>
    public static ProcessDueTimers ReceiptsSentAfter(DateTimeOffset lastAnswer) => new(lastAnswer + ReviewPolicy.Default.ReceiptQuietPeriod);

    /// <summary>Monday 14 December 2026, when the review is drafted and sent.</summary>
    public static readonly DateTimeOffset Start = At(2026, 12, 14);

    public static IReadOnlyList<AreaInput> Areas() =>
    [
        new("Accommodation for 16 and 17 year olds",
        [
            new("How many 16 and 17 year olds are in bed and breakfast accommodation?", [Head.Email, Data.Email]),
            new("How do we assess the needs of homeless 16 and 17 year olds?", [Housing.Email]),
        ]),
        new("Care leavers", [new("Does every care leaver have a personal adviser and a pathway plan?", [Leaving.Email])]),
    ];

    public static DraftReview Draft(DateOnly? deadline = null, DateOnly? meeting = null, IReadOnlyList<AreaInput>? areas = null, DateTimeOffset? now = null) =>
        new(Id, Report.Title, Report.Published, ThePanel.Name, ThePanel.Email, meeting ?? Meeting, deadline ?? Deadline, areas ?? Areas(), Council, now ?? Start);

    /// <summary>A drafted and dispatched review: A1 Head and A2 Data share Q1, A3 Housing has Q2, A4 Leaving has Q3.</summary>
    public static DeciderSpecification GivenDispatched(this DeciderSpecification spec) =>
        spec.GivenCommands(Draft(), new DispatchReview(Start));
}
