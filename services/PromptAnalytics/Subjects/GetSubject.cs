using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.PromptAnalytics.Subjects;

public static class GetSubjectEndpoint
{
    public static RouteGroupBuilder MapGetSubjectOutcomes(this RouteGroupBuilder outcomes)
    {
        outcomes.MapGet("/", async Task<Results<Ok<Subject>, ProblemHttpResult>> (Guid? subject, IQuerySession session, CancellationToken ct) =>
        {
            if (subject is not { } id)
            {
                return TypedResults.Problem("Query parameter 'subject' is required.", statusCode: StatusCodes.Status400BadRequest);
            }

            var found = await session.LoadAsync<Subject>(id, ct);
            return found is null
                ? TypedResults.Problem($"Subject {id} is unknown.", statusCode: StatusCodes.Status404NotFound)
                : TypedResults.Ok(found);
        })
        .WithName("GetSubjectOutcomes")
        .WithSummary("What PromptAnalytics recorded for one subject (a plan).");
        return outcomes;
    }
}
