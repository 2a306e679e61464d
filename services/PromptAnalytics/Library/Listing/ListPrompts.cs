using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.PromptAnalytics.Library.AddingVersion;
using Orchestrator.PromptAnalytics.Outcomes;
using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.Library.Listing;

/// <summary>Outcome counts of one version on one metric.</summary>
public sealed record MetricSummary(string Metric, long N, long Successes, double Rate);

/// <summary>A version with what its outcomes say so far; <see cref="CostUsd"/> is what its model calls cost, all told, in US dollars.</summary>
public sealed record VersionDetail(
    string VersionId,
    string Name,
    int Number,
    string Text,
    PromptParameters Parameters,
    string Author,
    string? Note,
    string? Origin,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Labels,
    IReadOnlyList<MetricSummary> Outcomes,
    double? MeanTokens,
    double? MeanLatencyMs,
    long Calls,
    decimal CostUsd,
    decimal? MeanCostUsd);

/// <summary>A template as the API shows it.</summary>
public sealed record TemplateView(
    string Name,
    string Description,
    IReadOnlyDictionary<string, string> Labels,
    Guid? ExperimentId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<VersionView> Versions)
{
    public static TemplateView From(PromptTemplate t, IReadOnlyDictionary<string, Tally> tallies) =>
        new(t.Name, t.Description, t.Labels, t.Experiment?.ExperimentId, t.CreatedAt, t.UpdatedAt, [.. t.Versions.Select(v => VersionView.From(t, v) with
        {
            Cost = tallies.TryGetValue(v.VersionId, out var tally) ? new VersionCost(tally.CostCount, tally.CostSum) : VersionCost.None,
        })]);
}

/// <summary>A template with per-version outcome statistics.</summary>
public sealed record TemplateDetail(
    string Name,
    string Description,
    IReadOnlyDictionary<string, string> Labels,
    Guid? ExperimentId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<VersionDetail> Versions);

public static class ListPromptsEndpoint
{
    public static RouteGroupBuilder MapListPrompts(this RouteGroupBuilder prompts)
    {
        prompts.MapGet("/", async Task<Ok<IReadOnlyList<TemplateView>>> (IQuerySession session, CancellationToken ct) =>
        {
            var templates = await session.Query<PromptTemplate>().ToListAsync(ct);
            var tallies = (await session.LoadManyAsync<VersionTally>(ct, templates.SelectMany(t => t.Versions.Select(v => v.VersionId)).ToArray()))
                .ToDictionary(t => t.Id, t => t.Tally);
            return TypedResults.Ok<IReadOnlyList<TemplateView>>([.. templates.OrderBy(t => Order(t.Name)).ThenBy(t => t.Name, StringComparer.Ordinal).Select(t => TemplateView.From(t, tallies))]);
        })
        .WithName("ListPrompts")
        .WithSummary("Every template with its versions, labels and each version's model calls and their cost.");

        prompts.MapGet("/{name}", async Task<Results<Ok<TemplateDetail>, ProblemHttpResult>> (string name, IQuerySession session, CancellationToken ct) =>
        {
            if (await session.LoadAsync<PromptTemplate>(TemplateIds.For(name), ct) is not { } template)
            {
                return TypedResults.Problem($"There is no prompt template named '{name}'. Known templates: {string.Join(", ", PromptNames.All)}.", statusCode: StatusCodes.Status404NotFound);
            }

            var tallies = await session.LoadManyAsync<VersionTally>(ct, template.Versions.Select(v => v.VersionId).ToArray());
            var byVersion = tallies.ToDictionary(t => t.Id, t => t.Tally);
            var versions = template.Versions.Select(v =>
            {
                var tally = byVersion.GetValueOrDefault(v.VersionId) ?? Tally.Empty;
                return new VersionDetail(
                    v.VersionId,
                    template.Name,
                    v.Number,
                    v.Text,
                    v.Parameters,
                    v.Author,
                    v.Note,
                    v.Origin,
                    v.CreatedAt,
                    template.LabelsOf(v.VersionId),
                    [.. tally.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new MetricSummary(m.Key, m.Value.N, m.Value.Successes, m.Value.N == 0 ? 0 : (double)m.Value.Successes / m.Value.N))],
                    tally.MeanTokens,
                    tally.MeanLatencyMs,
                    tally.CostCount,
                    tally.CostSum,
                    tally.MeanCostUsd);
            }).ToList();
            return TypedResults.Ok(new TemplateDetail(template.Name, template.Description, template.Labels, template.Experiment?.ExperimentId, template.CreatedAt, template.UpdatedAt, versions));
        })
        .WithName("GetPrompt")
        .WithSummary("One template with its versions, labels and each version's outcomes so far.");
        return prompts;
    }

    private static int Order(string name)
    {
        var index = PromptNames.All.ToList().IndexOf(name);
        return index < 0 ? int.MaxValue : index;
    }
}
