using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.PromptAnalytics.Experiments.Results;
using Orchestrator.PromptAnalytics.Library;

namespace Orchestrator.PromptAnalytics.Experiments.Promoting;

public sealed record PromoteRequest(string? VersionId);

public static class PromoteDecision
{
    /// <summary>
    /// Decides the events that make a variant the production version and end the experiment. Without a version id
    /// the declared winner is promoted; without a winner the person has to name the version.
    /// </summary>
    public static Decision Decide(PromptTemplate? template, Experiment experiment, string? versionId, string? winner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (template is null)
        {
            return Decision.NotFound($"Template '{experiment.Prompt}' of experiment {experiment.Id} does not exist.");
        }

        if (experiment.Status == ExperimentStatus.Promoted)
        {
            return Decision.Conflict($"Experiment {experiment.Id} already promoted {experiment.PromotedVersionId}.");
        }

        var requested = string.IsNullOrWhiteSpace(versionId) ? winner : versionId;
        if (requested is null)
        {
            return Decision.Invalid($"Experiment {experiment.Id} has no winner yet; name the version to promote in 'versionId' ({string.Join(", ", experiment.Variants.Select(v => v.VersionId))}).");
        }

        var owner = TemplateIds.TemplateOf(requested);
        if (owner is not null && owner != experiment.Prompt)
        {
            return Decision.Invalid($"Version {requested} belongs to template '{owner}'; experiment {experiment.Id} tests template '{experiment.Prompt}'. Promote one of its variants: {string.Join(", ", experiment.Variants.Select(v => v.VersionId))}.");
        }

        var variant = template.FindVersion(requested) is { } version ? experiment.Variants.FirstOrDefault(v => v.VersionId == version.VersionId) : null;
        if (variant is null)
        {
            return Decision.Invalid($"Version {requested} is not a variant of experiment {experiment.Id}; promote one of {string.Join(", ", experiment.Variants.Select(v => v.VersionId))}.");
        }

        var events = new List<object>();
        events.Add(new VersionPromoted(template.Id, experiment.Id, variant.VersionId, now));
        events.Add(new LabelAssigned(template.Id, template.Name, PromptTemplate.Production, variant.VersionId, now));
        return Decision.Accept([.. events]);
    }
}

public static class PromoteEndpoint
{
    public static RouteGroupBuilder MapPromote(this RouteGroupBuilder experiments)
    {
        experiments.MapPost("/{id:guid}/promote", async Task<Results<Ok<ExperimentResults>, ProblemHttpResult>> (
            Guid id, PromoteRequest? body, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            if (await session.LoadResultsAsync(id, ct) is not { } loaded)
            {
                return TypedResults.Problem($"There is no experiment {id}; GET /api/experiments lists them.", statusCode: StatusCodes.Status404NotFound);
            }

            var stream = await TemplateStream.OpenAsync(session, loaded.Experiment.Prompt, ct);
            var write = await session.WriteAsync(stream, template => PromoteDecision.Decide(template, loaded.Experiment, body?.VersionId, loaded.Results.Winner, clock.GetUtcNow()), ct);
            return write.Respond(_ =>
            {
                var promoted = write.Events.Aggregate((Experiment?)loaded.Experiment, ExperimentEvolution.Evolve)!;
                return TypedResults.Ok(loaded.Results with { Status = promoted.Status, EndedAt = promoted.EndedAt, PromotedVersionId = promoted.PromotedVersionId });
            });
        })
        .WithName("PromoteVersion")
        .WithSummary("Makes a variant (by default the declared winner) the production version and ends the experiment.");
        return experiments;
    }
}
