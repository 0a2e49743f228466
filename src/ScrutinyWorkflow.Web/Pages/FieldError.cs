namespace ScrutinyWorkflow.Web.Pages;

/// <summary>One thing wrong with a form: the id of the field it is about (none for the form as a whole) and what to do.</summary>
public sealed record FieldError(string? FieldId, string Message);
