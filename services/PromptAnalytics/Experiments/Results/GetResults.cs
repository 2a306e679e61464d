using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.PromptAnalytics.Outcomes;

namespace Orchestrator.PromptAnalytics.Experiments.Results;

public static class GetResultsEndpoint
{
    /// <summary>Loads an experiment and its tally and computes its results; null when the experiment is unknown.</summary>
    public static async Task<(Experiment Experiment, ExperimentResults Results)?> LoadResultsAsync(this IQuerySession session, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var batch = session.CreateBatchQuery();
        var experiment = batch.Load<Experiment>(id);
        var tally = batch.Load<ExperimentTally>(id);
        await batch.Execute(ct);
        return await experiment is { } found ? (found, ExperimentResultsCalculator.Compute(found, await tally)) : null;
    }

    public static RouteGroupBuilder MapGetResults(this RouteGroupBuilder experiments)
    {
        experiments.MapGet("/{id:guid}/results", async Task<Results<Ok<ExperimentResults>, ProblemHttpResult>> (Guid id, IQuerySession session, CancellationToken ct) =>
            await session.LoadResultsAsync(id, ct) is { } loaded
                ? TypedResults.Ok(loaded.Results)
                : TypedResults.Problem($"There is no experiment {id}; GET /api/experiments lists them.", statusCode: StatusCodes.Status404NotFound))
        .WithName("GetExperimentResults")
        .WithSummary("Per-variant n, successes, rate with Wilson 95% interval, p-value against the best, probability to be best, and the winner once decided.");
        return experiments;
    }
}
