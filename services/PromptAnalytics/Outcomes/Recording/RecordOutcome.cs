using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.PromptAnalytics.Library;

namespace Orchestrator.PromptAnalytics.Outcomes.Recording;

public sealed record RecordOutcomeRequest(Guid? Subject, string? VersionId, bool? Success, string? Metric, double? Value);

public static class RecordOutcomeValidation
{
    /// <summary>Why the outcome cannot be recorded, or null; <paramref name="template"/> is the one the version id names.</summary>
    public static string? Problem(RecordOutcomeRequest body, PromptTemplate? template)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Subject is not { } subject || subject == Guid.Empty)
        {
            return "'subject' is required: the id (a GUID) of the plan the outcome is about.";
        }

        if (string.IsNullOrWhiteSpace(body.VersionId))
        {
            return "'versionId' is required: the prompt version that produced what is rated (the resolve answer's versionId).";
        }

        if (template?.FindVersion(body.VersionId) is null)
        {
            return $"'versionId' {body.VersionId} is not a version in the prompt library; GET /api/prompts lists them.";
        }

        if (body.Success is null)
        {
            return "'success' is required: true for a good outcome (thumbs up), false for a bad one.";
        }

        if (body.Metric is not null && !OutcomeMetrics.IsValidName(body.Metric))
        {
            return $"'metric' '{body.Metric}' is not a metric name: use lower-case words joined by hyphens, e.g. '{OutcomeMetrics.Rating}'.";
        }

        return body.Value is { } value && !double.IsFinite(value)
            ? string.Create(CultureInfo.InvariantCulture, $"'value' must be a finite number (got {value}).")
            : null;
    }
}

public static class RecordOutcomeEndpoint
{
    public static RouteGroupBuilder MapRecordOutcome(this RouteGroupBuilder outcomes)
    {
        outcomes.MapPost("/", async Task<Results<Accepted<OutcomeRecorded>, ProblemHttpResult>> (
            RecordOutcomeRequest body, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            var owner = body.VersionId is { } versionId ? TemplateIds.TemplateOf(versionId) : null;
            var template = owner is null ? null : await session.LoadAsync<PromptTemplate>(TemplateIds.For(owner), ct);
            if (RecordOutcomeValidation.Problem(body, template) is { } problem)
            {
                return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
            }

            var observation = new Observation(
                Guid.CreateVersion7(), body.Subject, template!.Name, body.VersionId, body.Metric ?? OutcomeMetrics.Rating, body.Success!.Value, body.Value, null, null, "api", clock.GetUtcNow());
            var recorded = await OutcomeRecorder.RecordAsync(session, observation, ct);
            await session.SaveChangesAsync(ct);
            return TypedResults.Accepted($"/api/outcomes?subject={body.Subject}", recorded);
        })
        .WithName("RecordOutcome")
        .WithSummary("Records an outcome from outside the system (e.g. a person's thumbs up or down) for a prompt version.");
        return outcomes;
    }
}
