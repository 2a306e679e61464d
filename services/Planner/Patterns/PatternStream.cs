using Marten;

namespace Orchestrator.Planner.Patterns;

/// <summary>A pattern's event stream, opened for the shared write path (<see cref="EventStreamWriter"/>).</summary>
public static class PatternStream
{
    public static Task<MartenStream<Pattern>> OpenAsync(IDocumentSession session, Guid patternId, CancellationToken ct) =>
        session.OpenAsync<Pattern>(patternId, $"pattern {patternId}", PatternEvolution.Evolve, ct);

    /// <summary>Keeps each pattern as a document, in the same transaction as its events.</summary>
    public static void Configure(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Events.AddEventTypes([typeof(PatternSaved), typeof(PatternUsed), typeof(PatternOutcomeRecorded), typeof(PatternRemoved)]);
        options.Projections.Add<PatternProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        PatternSearch.Configure(options);
    }

    public sealed class PatternProjection : Marten.Events.Aggregation.SingleStreamProjection<Pattern, Guid>
    {
        public override Pattern? Evolve(Pattern? snapshot, Guid id, JasperFx.Events.IEvent e) => PatternEvolution.Evolve(snapshot, e.Data);
    }
}
