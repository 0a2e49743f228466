namespace ScrutinyWorkflow.Web.Notifications;

/// <summary>One message template: its file name (without extension), when it is sent, and the placeholders it may use beyond the common ones.</summary>
/// <remarks><see cref="ShippedWhenMissing"/>: a council's folder without this template gets the shipped one (templates added after councils first copied theirs).</remarks>
public sealed record TemplateSpec(string Name, string SentWhen, IReadOnlyDictionary<string, string> Placeholders)
{
    public bool ShippedWhenMissing { get; init; }
}

/// <summary>
/// Every message template the product sends and the placeholders each may use, with what they hold. The start-up
/// check refuses a template naming anything else, and the README and each default template's header say the same.
/// </summary>
public static class TemplateCatalogue
{
    /// <summary>Placeholders every template may use.</summary>
    public static readonly IReadOnlyDictionary<string, string> Common = new Dictionary<string, string>
    {
        ["council.name"] = "the council's name (Scrutiny:Mail:CouncilName)",
        ["team.name"] = "the scrutiny team's name (Scrutiny:TeamName)",
        ["team.email"] = "the scrutiny team's address (Scrutiny:TeamEmail)",
        ["review.title"] = "the focus report's full title",
        ["review.short_title"] = "the focus report's title before its colon, as people say it",
        ["review.kind"] = "\"focus-report\" for a review of a focus report, \"decisions\" for a month's Ombudsman decisions",
        ["review.published"] = "when the Ombudsman published the report, e.g. December 2020",
        ["review.deadline"] = "the deadline for answers, e.g. Friday 8 January 2027",
        ["review.meeting_date"] = "the panel's meeting, e.g. Wednesday 20 January 2027",
        ["panel.name"] = "the scrutiny panel's name",
        ["panel.email"] = "the panel's (clerk's) address",
    };

    /// <summary>What each item of a list of questions (<c>questions</c>) holds, and the single <c>question</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> QuestionFields = new Dictionary<string, string>
    {
        ["area"] = "the question's area of focus",
        ["text"] = "the question as asked",
        ["also_asked"] = "the other officers asked the same question, joined by \"and\" (blank when none)",
    };

    /// <summary>What each item of a receipt's list of answers (<c>answers</c>) holds beyond its question's fields.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReceiptFields = new Dictionary<string, string>
    {
        ["answer"] = "the answer as they sent it",
        ["reference"] = "its reference",
        ["submitted_at"] = "when it was received",
        ["amended"] = "true when it changed an answer already submitted",
    };

    private static readonly (string, string) Officer = ("officer.name", "the officer's name as the directory has it");
    private static readonly (string, string) Questions = ("questions", "the questions this message is about; each has area, text and also_asked (the others asked it, by name, blank when none)");
    private static readonly (string, string) QuestionsCount = ("questions_count", "how many, in words: \"1 question\", \"3 questions\"");
    private static readonly (string, string) Question = ("question", "the one question this message is about, with area and text");
    private static readonly (string, string) Link = ("link", "the officer's personal link to their questions");
    private static readonly (string, string) Version = ("version", "the statement's version: 1, then 2, 3, ... when a late answer or correction comes after the panel had it");
    private static readonly (string, string) Changes = ("changes", "from version 2, what changed since the last version the panel had, one line each, e.g. \"Question 4: answer corrected\" (empty for version 1)");

    // Declared before All, which is built from them when the class is first used.
    private static readonly (string, string)[] FollowUpFields =
    [
        ("officer.name", "the owner's name as the directory has it"),
        ("follow_up.kind", "\"recommendation\" for the panel's recommendation, \"remedy\" for a remedy agreed with the Ombudsman"),
        ("follow_up.text", "what was recommended, or the remedy as the decision words it"),
        ("follow_up.decision", "for a remedy, the Ombudsman's reference of the decision it belongs to (blank for a recommendation)"),
        ("follow_up.due", "when the awaited update (or the remedy's evidence) is due, e.g. Friday 8 January 2027"),
        ("follow_up.round", "which update this is: 1 for the first, 2 for the next, ..."),
    ];

    private static readonly (string, string) FollowUpLink = ("link", "the owner's personal link, to give the update");

    public static readonly IReadOnlyList<TemplateSpec> All =
    [
        Spec("request", "to an officer when the review goes out: every question they are asked", Officer, Questions, QuestionsCount, Link),
        Spec("question-added", "to an officer asked a question added after the review went out", Officer, Questions, QuestionsCount, Link),
        Spec("reassigned-to-you", "to an officer a question was handed to (reassigned, or declined by a colleague who named them)", Officer, Questions, QuestionsCount, Link,
            ("passed_from", "who was asked before them, by name")),
        Spec("reminder", "to an officer with questions still open, at each scheduled reminder but the last, or when the scrutiny officer reminds them by hand",
            Officer, Questions, QuestionsCount, Link, ("reminder_number", "which reminder this is: 1, 2, ...; 0 when the scrutiny officer reminds them by hand")),
        Spec("final-reminder", "to an officer with questions still open, at the last scheduled reminder before escalation", Officer, Questions, QuestionsCount, Link),
        Spec("escalation", "to the officer's manager (copied to the officer) when questions are still open at escalation; to the scrutiny team when the officer has no manager",
            Officer, Questions, QuestionsCount, ("officer.designation", "the officer's job title"),
            ("manager.name", "the manager's name (blank when the officer has none and this goes to the scrutiny team)"),
            ("link", "the manager's own link to answer on the officer's behalf (blank when there is no manager)"),
            ("away", "when the officer is away past the deadline, how long: \"until Friday 15 January 2027\" or \"with no return date set\" (blank when they are not away)")),
        Spec("answered-by-colleague", "to an officer whose co-officer answered a question they were both asked", Officer, Question, Link,
            ("answered_by", "who answered, by name (\"Name (for Name)\" when a manager answered on someone's behalf)")),
        Spec("answer-amended", "to an officer asked a question whose answer someone else has changed", Officer, Question, Link, ("amended_by", "who changed it, by name")),
        Spec("receipt", "to whoever submitted or amended an answer through their page (the manager, when they answered on an officer's behalf)",
            ("officer.name", "the name of whoever sent the answer, as the directory has it"), Question,
            ("answer", "the answer as they sent it, shown as the text they typed"),
            ("reference", "the answer's reference, to quote to the scrutiny team: review, question and which submission, e.g. RV-3F9A2C81D0B4-Q3-2"),
            ("submitted_at", "when it was received, e.g. 14:05 on Monday 14 December 2026"),
            ("amended", "true when it changed an answer already submitted"),
            ("answers", "every answer this receipt acknowledges (one, or several sent within a few minutes), in the order sent; each has area, text, answer, reference, submitted_at and amended; answer, reference, submitted_at and amended above are the first's"),
            ("on_behalf_of", "the officer a manager answered for, by name (blank when they answered for themselves)"),
            ("until", "the last day answers may be amended, e.g. Friday 8 January 2027"),
            ("link", "their personal link, to see or amend the answer")),
        Spec("reassigned-from-you", "to an officer whose question the scrutiny team handed to someone else", Officer, Question,
            ("passed_to", "who has it now, by name (\"a colleague\" when not known)")),
        Spec("declined", "to the scrutiny team when an officer says a question is not for them", Officer, Question,
            ("officer.designation", "the officer's job title"), ("reason", "the reason they gave"),
            ("suggested", "the colleague they named, with address and job title when the directory knows them (blank when they named nobody)"),
            ("suggested_in_directory", "true when the directory knows the colleague, so reassigning with no name hands it to them"),
            ("assignment_id", "the declined assignment's id, for the reassign command")),
        Spec("deadline-changed", "to an officer with questions still open when the deadline moves", Officer, Questions, QuestionsCount, Link),
        Spec("question-withdrawn", "to an officer asked a question the scrutiny team has withdrawn", Officer, Question),
        Spec("closed-early", "to an officer with questions still open when the review is closed early", Officer, Questions, QuestionsCount, ("reason", "the reason given")),
        Spec("answers-reopened", "to an officer with questions still open when answers are opened again", Officer, Questions, QuestionsCount, Link,
            ("until", "the last day answers are taken, e.g. Wednesday 13 January 2027")),
        Spec("statement-to-check", "to the scrutiny team when the position statement is assembled",
            ("answered", "how many questions are answered"), ("total", "how many questions there are"), ("link", "the statement's page"),
            ("release_at", "when it goes to the panel if nobody releases it, e.g. 09:00 on Monday 11 January 2027 (blank unless the review was set to go to the panel automatically)"), Version, Changes),
        Spec("statement-filed", "to the panel (copied to the scrutiny team) when the statement is filed",
            ("answered_summary", "how many questions are answered, as a sentence part: \"all 12 questions were answered\""),
            ("closed_early_reason", "why the review was closed early (blank when it was not)"),
            ("attached", "true when the Word papers are attached; false when they were too large and are linked instead"),
            ("appendix_link", "the Word appendix"), ("cover_report_link", "the cover report"), ("link", "the statement's page"), Version, Changes),
        Spec("draft-to-check", "to the scrutiny team when a focus report arrives by itself (dropped into the reports container, or found on the Ombudsman's feed) and is opened as a draft review",
            ("questions_count", "how many questions were read from it, in words: \"1 question\", \"12 questions\""), ("areas_count", "in how many areas of focus: \"1 area\", \"5 areas\""),
            ("link", "the draft's page, to check the questions and choose who answers each")),
        Spec("undeliverable", "to the scrutiny team when the mail service refused or bounced a message",
            ("subject", "the subject of the message that was not delivered"), ("recipients", "who did not get it, each \"Name (address)\" or the address"),
            ("reason", "what the mail service said")),
        FollowUp("follow-up-request", "to the owner of a panel's recommendation, or of a remedy the council agreed with the Ombudsman, when an update (or the remedy's evidence) is asked for", FollowUpLink),
        FollowUp("follow-up-reminder", "to the owner of a recommendation or remedy whose update is still awaited, before it is due", FollowUpLink),
        FollowUp("follow-up-escalation", "to the owner's manager (copied to the owner) when an awaited update is overdue; to the scrutiny team when the owner has no manager",
            ("manager.name", "the manager's name (blank when the owner has none and this goes to the scrutiny team)"),
            ("link", "the manager's own link to give the update on the owner's behalf (blank when there is no manager)")),
        FollowUp("follow-up-date-changed", "to the owner when the scrutiny team moves the date an awaited update is due", FollowUpLink),
        FollowUp("follow-up-update-received", "to the scrutiny team when an owner (or their manager) gives an update through their link",
            ("update.text", "the update in the owner's words"), ("update.progress", "\"in progress\" or \"done\", as the owner said"),
            ("update.by", "who gave it, by name"), ("link", "the review's page, where the update is shown and the recommendation can be closed")),
        FollowUp("follow-up-closed", "to the owner when the scrutiny team closes the recommendation or accepts the remedy's evidence",
            ("closure", "why it was closed: \"implemented\", \"not implemented\" or \"no longer needed\""), ("note", "the scrutiny team's note (may be blank)")),
        FollowUp("follow-up-handed-on", "to the former owner when the scrutiny team hands a recommendation or remedy to someone else",
            ("new_owner.name", "who owns it now, by name")),
    ];

    /// <summary>Every placeholder a template may name, with the common ones.</summary>
    public static IReadOnlyDictionary<string, string> PlaceholdersOf(TemplateSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Common.Concat(spec.Placeholders).ToDictionary(p => p.Key, p => p.Value);
    }

    private static TemplateSpec Spec(string name, string sentWhen, params (string Name, string Meaning)[] placeholders) =>
        new(name, sentWhen, placeholders.ToDictionary(p => p.Name, p => p.Meaning));

    /// <summary>
    /// A message about one follow-up, with what every such message may say about it. Added after councils first
    /// copied the templates, so a council's folder without it gets the shipped words rather than a host that will not start.
    /// </summary>
    private static TemplateSpec FollowUp(string name, string sentWhen, params (string Name, string Meaning)[] placeholders) =>
        Spec(name, sentWhen, [.. FollowUpFields, .. placeholders]) with { ShippedWhenMissing = true };
}
