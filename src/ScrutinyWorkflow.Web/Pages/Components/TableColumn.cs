using Microsoft.AspNetCore.Components;

namespace ScrutinyWorkflow.Web.Pages.Components;

/// <summary>One column of a <see cref="ReflowTable{TItem}"/>: its heading (also each cell's label on a phone) and what a row shows in it.</summary>
public sealed record TableColumn<TItem>(string Heading, Func<TItem, RenderFragment> Cell, bool Numeric = false);
