using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.PromptAnalytics.Library;

namespace Orchestrator.PromptAnalytics.Experiments.Stopping;

public sealed record StopExperimentRequest(string? Reason);

public static class StopExperimentDecision
{
    /// <summary>Decides the event that stops a running experiment of the template.</summary>
    public static Decision Decide(PromptTemplate? template, Experiment experiment, string? reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (template?.Experiment?.ExperimentId != experiment.Id)
        {
            return Decision.Conflict($"Experiment {experiment.Id} is not running (it is {ApiJson.Word(experiment.Status)}).");
        }

        return Decision.Accept(new ExperimentStopped(template.Id, experiment.Id, string.IsNullOrWhiteSpace(reason) ? "stopped by a person" : reason.Trim(), now));
    }
}

public static class StopExperimentEndpoint
{
    public static RouteGroupBuilder MapStopExperiment(this RouteGroupBuilder experiments)
    {
        experiments.MapPost("/{id:guid}/stop", async Task<Results<Ok<Experiment>, ProblemHttpResult>> (
            Guid id, StopExperimentRequest? body, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            if (await session.LoadAsync<Experiment>(id, ct) is not { } experiment)
            {
                return TypedResults.Problem($"There is no experiment {id}; GET /api/experiments lists them.", statusCode: StatusCodes.Status404NotFound);
            }

            var stream = await TemplateStream.OpenAsync(session, experiment.Prompt, ct);
            var write = await session.WriteAsync(stream, template => StopExperimentDecision.Decide(template, experiment, body?.Reason, clock.GetUtcNow()), ct);
            return write.Respond(_ => TypedResults.Ok(write.Events.Aggregate((Experiment?)experiment, ExperimentEvolution.Evolve)!));
        })
        .WithName("StopExperiment")
        .WithSummary("Stops assigning variants; subjects get the production version again. Results stay readable.");
        return experiments;
    }
}
