using Marten;
using Orchestrator.PromptAnalytics.Experiments.Assigning;
using Orchestrator.PromptAnalytics.Library;

namespace Orchestrator.PromptAnalytics.Outcomes;

/// <summary>Attributes an observation and appends it, as its own stream, to <paramref name="session"/> (the caller saves).</summary>
public static class OutcomeRecorder
{
    public static async Task<OutcomeRecorded> RecordAsync(IDocumentSession session, Observation observation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(observation);
        var prompt = observation.Prompt ?? (observation.VersionId is { } v ? TemplateIds.TemplateOf(v) : null);
        var template = prompt is null ? null : await session.LoadAsync<PromptTemplate>(TemplateIds.For(prompt), ct);
        IReadOnlyList<Assignment> assignments = observation.Subject is { } subject
            ? await session.Query<Assignment>().Where(a => a.Subject == subject).ToListAsync(ct)
            : [];
        var recorded = Attribution.Attribute(observation with { Prompt = prompt }, template, assignments);
        session.Events.StartStream<OutcomeRecord>(recorded.OutcomeId, recorded);
        return recorded;
    }
}
