using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orchestrator.PromptAnalytics.Library;
using Orchestrator.PromptAnalytics.Outcomes;
using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.Experiments.Starting;

public sealed record VariantRequest(string? VersionId, double? Weight);

public sealed record StartExperimentRequest(
    string? Prompt,
    IReadOnlyList<VariantRequest>? Variants,
    string? Allocation,
    string? Metric,
    int? MinimumSample,
    double? Significance);

public sealed record StartExperiment(
    Guid ExperimentId,
    string Prompt,
    IReadOnlyList<VariantRequest> Variants,
    string? Allocation,
    string? Metric,
    int MinimumSample,
    double Significance,
    DateTimeOffset Now);

public static class StartExperimentDecision
{
    public const int MaxVariants = 10;

    /// <summary>Decides the event that starts an experiment on the template, or why it cannot start.</summary>
    public static Decision Decide(PromptTemplate? state, StartExperiment command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.Prompt))
        {
            return Decision.Invalid($"'prompt' is missing: name the template to test, one of {string.Join(", ", PromptNames.All)}.");
        }

        if (state is null)
        {
            return Decision.NotFound($"There is no prompt template named '{command.Prompt}'. Known templates: {string.Join(", ", PromptNames.All)}.");
        }

        if (state.Experiment is { } running)
        {
            return Decision.Conflict($"Template '{state.Name}' already runs experiment {running.ExperimentId}; stop or promote it first.");
        }

        AllocationKind allocation;
        switch (command.Allocation)
        {
            case null or "" or "fixed":
                allocation = AllocationKind.Fixed;
                break;
            case "bandit":
                allocation = AllocationKind.Bandit;
                break;
            default:
                return Decision.Invalid($"'allocation' is '{command.Allocation}'; use 'fixed' (traffic by weight) or 'bandit' (Thompson sampling).");
        }

        var metric = string.IsNullOrWhiteSpace(command.Metric) ? OutcomeMetrics.DefaultFor(state.Name) : command.Metric;
        if (!OutcomeMetrics.IsValidName(metric))
        {
            return Decision.Invalid($"'metric' '{metric}' is not a metric name; use one of {string.Join(", ", OutcomeMetrics.Known)} or a lower-case hyphenated name sent with POST /api/outcomes.");
        }

        if (command.MinimumSample < 1)
        {
            return Decision.Invalid("'minimumSample' must be at least 1 outcome per variant.");
        }

        if (!double.IsFinite(command.Significance) || command.Significance is <= 0 or > 0.5)
        {
            return Decision.Invalid("'significance' must be greater than 0 and at most 0.5 (e.g. 0.05).");
        }

        if (command.Variants.Count is < 2 or > MaxVariants)
        {
            return Decision.Invalid($"'variants' has {command.Variants.Count} entries; an experiment compares 2 to {MaxVariants} versions.");
        }

        var variants = new List<ExperimentVariant>();
        for (var i = 0; i < command.Variants.Count; i++)
        {
            var requested = command.Variants[i];
            if (string.IsNullOrWhiteSpace(requested.VersionId))
            {
                return Decision.Invalid($"'variants[{i}].versionId' is missing.");
            }

            if (state.FindVersion(requested.VersionId) is not { } version)
            {
                var owner = TemplateIds.TemplateOf(requested.VersionId);
                return Decision.Invalid(owner is not null && owner != state.Name
                    ? $"'variants[{i}].versionId' {requested.VersionId} is a version of template '{owner}', not '{state.Name}'; an experiment compares versions of one template."
                    : $"'variants[{i}].versionId' {requested.VersionId} is not a version of template '{state.Name}'; its versions are {string.Join(", ", state.Versions.Select(v => v.VersionId))}.");
            }

            if (requested.Weight is not { } weight || !double.IsFinite(weight) || weight <= 0)
            {
                return Decision.Invalid($"'variants[{i}].weight' must be a positive number (got {requested.Weight?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}); weights are relative shares of traffic.");
            }

            if (variants.Any(v => v.VersionId == version.VersionId))
            {
                return Decision.Invalid($"Version {version.VersionId} appears twice in 'variants'; list each version once.");
            }

            variants.Add(new ExperimentVariant(version.VersionId, weight, VariantLetter(i)));
        }

        return Decision.Accept(new ExperimentStarted(state.Id, command.ExperimentId, state.Name, variants, allocation, metric, command.MinimumSample, command.Significance, command.Now));
    }

    /// <summary>A, B, C … in the order the variants were listed.</summary>
    public static string VariantLetter(int index) => ((char)('A' + index)).ToString();
}

public static class StartExperimentEndpoint
{
    public static RouteGroupBuilder MapStartExperiment(this RouteGroupBuilder experiments)
    {
        experiments.MapPost("/", async Task<Results<Created<Experiment>, ProblemHttpResult>> (
            StartExperimentRequest body, IDocumentSession session, IOptions<PromptAnalyticsSettings> settings, TimeProvider clock, CancellationToken ct) =>
        {
            var command = new StartExperiment(
                Guid.CreateVersion7(),
                body.Prompt ?? "",
                body.Variants ?? [],
                body.Allocation,
                body.Metric,
                body.MinimumSample ?? settings.Value.MinimumSample,
                body.Significance ?? settings.Value.Significance,
                clock.GetUtcNow());
            // A blank name opens no template: the decision refuses the command before anything is appended.
            var stream = await TemplateStream.OpenAsync(session, command.Prompt.Trim(), ct);
            var write = await session.WriteAsync(stream, template => StartExperimentDecision.Decide(string.IsNullOrWhiteSpace(command.Prompt) ? null : template, command), ct);
            return write.Respond(_ =>
            {
                var experiment = write.Events.Aggregate((Experiment?)null, ExperimentEvolution.Evolve)!;
                return TypedResults.Created($"/api/experiments/{experiment.Id}", experiment);
            });
        })
        .WithName("StartExperiment")
        .WithSummary("Starts an A/B/n experiment over versions of one template, with fixed weights or a Thompson-sampling bandit.");
        return experiments;
    }
}
