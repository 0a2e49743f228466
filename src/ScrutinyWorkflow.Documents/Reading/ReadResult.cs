using ScrutinyWorkflow.Core.Reports;

namespace ScrutinyWorkflow.Documents.Reading;

/// <summary>What a format's reader made of a file: its blocks, or why it could not read them.</summary>
internal abstract record ReadResult;

internal sealed record BlocksRead(IReadOnlyList<ReportBlock> Blocks) : ReadResult;

internal sealed record ReadRejected(IngestionRejected Rejection) : ReadResult;
