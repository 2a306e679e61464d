using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.PromptAnalytics.Experiments.Listing;

public static class ListExperimentsEndpoint
{
    public static RouteGroupBuilder MapListExperiments(this RouteGroupBuilder experiments)
    {
        experiments.MapGet("/", async Task<Ok<IReadOnlyList<Experiment>>> (string? prompt, IQuerySession session, CancellationToken ct) =>
        {
            var query = session.Query<Experiment>();
            var all = string.IsNullOrWhiteSpace(prompt)
                ? await query.OrderByDescending(e => e.StartedAt).ToListAsync(ct)
                : await query.Where(e => e.Prompt == prompt).OrderByDescending(e => e.StartedAt).ToListAsync(ct);
            return TypedResults.Ok(all);
        })
        .WithName("ListExperiments")
        .WithSummary("Every experiment, newest first; ?prompt= narrows to one template.");

        experiments.MapGet("/{id:guid}", async Task<Results<Ok<Experiment>, ProblemHttpResult>> (Guid id, IQuerySession session, CancellationToken ct) =>
            await session.LoadAsync<Experiment>(id, ct) is { } experiment
                ? TypedResults.Ok(experiment)
                : TypedResults.Problem($"There is no experiment {id}; GET /api/experiments lists them.", statusCode: StatusCodes.Status404NotFound))
        .WithName("GetExperiment");
        return experiments;
    }
}
