using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orchestrator.PromptAnalytics.Library;
using Orchestrator.PromptAnalytics.Library.Seeding;
using Orchestrator.PromptAnalytics.Outcomes;
using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.Experiments.Starting;

public sealed record StartPatternsExperimentRequest(string? Allocation, int? MinimumSample, double? Significance);

/// <summary>
/// The experiment that measures the gallery: decomposition with proven plans as worked examples against decomposition without
/// them, assigned per plan, decided on <see cref="OutcomeMetrics.PlanSuccess"/>. The control version (the built-in prompt without
/// examples) joins the library when the experiment first starts.
/// </summary>
public static class PatternsExperimentDecision
{
    public static bool UsesPatterns(PromptVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return BuiltInPrompts.UsesPatterns(version.Text);
    }

    public static Decision Decide(PromptTemplate? state, StartPatternsExperimentRequest request, Guid experimentId, int minimumSample, double significance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state is null)
        {
            return Decision.NotFound($"There is no prompt template named '{PromptNames.Decompose}' yet.");
        }

        var control = SeedBuiltInDecision.Decide(state, BuiltInPrompts.DecomposeWithoutPatterns, now);
        var after = control.Aggregate((PromptTemplate?)state, PromptTemplateEvolution.Evolve)!;
        var withPatterns = after.ProductionVersion is { } production && UsesPatterns(production)
            ? production
            : after.Versions.LastOrDefault(UsesPatterns);
        if (withPatterns is null)
        {
            return Decision.Conflict($"No version of '{PromptNames.Decompose}' asks for the gallery's examples ({BuiltInPrompts.ExamplesVariable}); add one first.");
        }

        var without = after.Versions.First(v => v.Origin == BuiltInPrompts.DecomposeWithoutPatterns.VersionId);
        var start = StartExperimentDecision.Decide(after, new StartExperiment(experimentId, PromptNames.Decompose,
            [new VariantRequest(withPatterns.VersionId, 1), new VariantRequest(without.VersionId, 1)],
            request.Allocation, OutcomeMetrics.PlanSuccess, minimumSample, significance, now));
        return start.Problem is not null ? start : new Decision([.. control, .. start.Events], null);
    }
}

public static class StartPatternsExperimentEndpoint
{
    public static RouteGroupBuilder MapStartPatternsExperiment(this RouteGroupBuilder experiments)
    {
        experiments.MapPost("/patterns", async Task<Results<Created<Experiment>, ProblemHttpResult>> (
            StartPatternsExperimentRequest? body, IDocumentSession session, IOptions<PromptAnalyticsSettings> settings, TimeProvider clock, CancellationToken ct) =>
        {
            var request = body ?? new StartPatternsExperimentRequest(null, null, null);
            var stream = await TemplateStream.OpenAsync(session, PromptNames.Decompose, ct);
            var write = await session.WriteAsync(stream, template => PatternsExperimentDecision.Decide(template, request, Guid.CreateVersion7(),
                request.MinimumSample ?? settings.Value.MinimumSample, request.Significance ?? settings.Value.Significance, clock.GetUtcNow()), ct);
            return write.Respond(_ =>
            {
                var experiment = write.Events.Aggregate((Experiment?)null, ExperimentEvolution.Evolve)!;
                return TypedResults.Created($"/api/experiments/{experiment.Id}", experiment);
            });
        })
        .WithName("StartPatternsExperiment")
        .WithSummary("Starts the experiment on decomposition with the gallery's proven plans against without them, on plan success.");
        return experiments;
    }
}
