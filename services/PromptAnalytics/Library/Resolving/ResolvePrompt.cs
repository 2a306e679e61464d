using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.PromptAnalytics.Experiments.Assigning;
using Orchestrator.PromptAnalytics.Outcomes;
using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.Library.Resolving;

/// <summary>The version a subject uses; <c>experimentId</c> and <c>variant</c> are set when an experiment assigned it.</summary>
public sealed record ResolvedVersion(string Name, string VersionId, string Text, PromptParameters Parameters, Guid? ExperimentId, string? Variant);

public static class ResolveDecision
{
    /// <summary>The variant a subject's first assignment gets: by weight for fixed allocation, by Thompson sampling for the bandit.</summary>
    /// <param name="arms">What the bandit knows of each variant, in the experiment's order (ignored by fixed allocation).</param>
    public static ExperimentVariant Choose(RunningExperiment experiment, Guid subject, IReadOnlyList<ArmCounts> arms)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var index = experiment.Allocation switch
        {
            AllocationKind.Bandit => Allocation.Thompson(arms, experiment.ExperimentId, subject),
            _ => Allocation.Fixed([.. experiment.Variants.Select(v => v.Weight)], experiment.ExperimentId, subject),
        };
        return experiment.Variants[index];
    }
}

public static class ResolvePromptEndpoint
{
    public static RouteGroupBuilder MapResolvePrompt(this RouteGroupBuilder prompts)
    {
        prompts.MapGet("/{name}/resolve", async Task<Results<Ok<ResolvedVersion>, ProblemHttpResult>> (
            string name, Guid? subject, IDocumentStore store, BanditEvidence evidence, TimeProvider clock, CancellationToken ct) =>
        {
            if (subject is not { } id || id == Guid.Empty)
            {
                return TypedResults.Problem("Query parameter 'subject' is required: the id (a GUID) of the plan the prompt is for.", statusCode: StatusCodes.Status400BadRequest);
            }

            await using var session = store.QuerySession();
            if (await session.LoadAsync<PromptTemplate>(TemplateIds.For(name), ct) is not { } template)
            {
                return TypedResults.Problem($"There is no prompt template named '{name}'. Known templates: {string.Join(", ", PromptNames.All)}.", statusCode: StatusCodes.Status404NotFound);
            }

            if (template.Experiment is { } experiment)
            {
                var assignment = await AssignAsync(store, session, evidence, template, experiment, id, clock, ct);
                var version = template.FindVersion(assignment.VersionId)!;
                return TypedResults.Ok(new ResolvedVersion(template.Name, version.VersionId, version.Text, version.Parameters, experiment.ExperimentId, assignment.Variant));
            }

            if (template.ProductionVersion is not { } production)
            {
                return TypedResults.Problem($"Template '{name}' has no production version; label one with POST /api/prompts/{name}/versions.", statusCode: StatusCodes.Status409Conflict);
            }

            return TypedResults.Ok(new ResolvedVersion(template.Name, production.VersionId, production.Text, production.Parameters, null, null));
        })
        .WithName("ResolvePrompt")
        .WithSummary("The version a subject uses: production, or its sticky experiment variant.");
        return prompts;
    }

    /// <summary>The subject's assignment in the experiment, made (and stored) on first use.</summary>
    private static async Task<Assignment> AssignAsync(
        IDocumentStore store, IQuerySession session, BanditEvidence evidence, PromptTemplate template, RunningExperiment experiment, Guid subject, TimeProvider clock, CancellationToken ct)
    {
        var assignmentId = AssignmentIds.For(experiment.ExperimentId, subject);
        if (await session.LoadAsync<Assignment>(assignmentId, ct) is { } existing)
        {
            return existing;
        }

        var arms = experiment.Allocation == AllocationKind.Bandit ? await evidence.CountAsync(session, experiment, ct) : [];
        var chosen = ResolveDecision.Choose(experiment, subject, arms);
        var assigned = new VariantAssigned(assignmentId, experiment.ExperimentId, template.Name, subject, chosen.VersionId, chosen.Variant, clock.GetUtcNow());
        try
        {
            await using var write = store.LightweightSession();
            write.Events.StartStream<Assignment>(assignmentId, assigned);
            await write.SaveChangesAsync(ct);
            return new Assignment(assignmentId, assigned.ExperimentId, assigned.Prompt, subject, assigned.VersionId, assigned.Variant, assigned.At);
        }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            // A concurrent first request for the same subject assigned it first; that assignment stands.
            await using var reread = store.QuerySession();
            return await reread.LoadAsync<Assignment>(assignmentId, ct)
                ?? throw new InvalidOperationException($"Assignment {assignmentId} collided but cannot be read.");
        }
    }
}
