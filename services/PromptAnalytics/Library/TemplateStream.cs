using Marten;

namespace Orchestrator.PromptAnalytics.Library;

/// <summary>A template's event stream, opened for the shared write path (<see cref="EventStreamWriter"/>).</summary>
public static class TemplateStream
{
    public static Task<MartenStream<PromptTemplate>> OpenAsync(IDocumentSession session, string name, CancellationToken ct) =>
        session.OpenAsync<PromptTemplate>(TemplateIds.For(name), $"template '{name}'", PromptTemplateEvolution.Evolve, ct);
}
