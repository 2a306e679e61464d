using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.PromptAnalytics.Experiments.Assigning;
using Orchestrator.PromptAnalytics.Outcomes;

namespace Orchestrator.PromptAnalytics.Subjects;

/// <summary>What PromptAnalytics recorded for one subject: its registration (when it is a plan), its experiment assignments and its outcomes.</summary>
public sealed record SubjectView(
    Guid Id,
    string Kind,
    string? Title,
    DateTimeOffset? RegisteredAt,
    IReadOnlyList<string> Timeline,
    IReadOnlyList<Assignment> Assignments,
    IReadOnlyList<OutcomeRecord> Outcomes);

public static class GetSubjectEndpoint
{
    public static RouteGroupBuilder MapGetSubjectOutcomes(this RouteGroupBuilder outcomes)
    {
        outcomes.MapGet("/", async Task<Results<Ok<SubjectView>, ProblemHttpResult>> (Guid? subject, IQuerySession session, CancellationToken ct) =>
        {
            if (subject is not { } id)
            {
                return TypedResults.Problem("Query parameter 'subject' is required.", statusCode: StatusCodes.Status400BadRequest);
            }

            var batch = session.CreateBatchQuery();
            var registered = batch.Load<Subject>(id);
            var assignments = batch.Query<Assignment>().Where(a => a.Subject == id).ToList();
            var recorded = batch.Query<OutcomeRecord>().Where(o => o.Subject == id).ToList();
            await batch.Execute(ct);

            var found = await registered;
            var assigned = (await assignments).OrderBy(a => a.At).ToList();
            var outcomes = (await recorded).OrderBy(o => o.At).ToList();
            if (found is null && assigned.Count == 0 && outcomes.Count == 0)
            {
                return TypedResults.Problem($"Subject {id} is unknown.", statusCode: StatusCodes.Status404NotFound);
            }

            return TypedResults.Ok(new SubjectView(id, found?.Kind ?? "external", found?.Title, found?.RegisteredAt, found?.Timeline ?? [], assigned, outcomes));
        })
        .WithName("GetSubjectOutcomes")
        .WithSummary("What PromptAnalytics recorded for one subject (a plan): assignments and outcomes.");
        return outcomes;
    }
}
