using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.PromptAnalytics.Failures.Listing;

/// <summary>One failure pattern as the API shows it; the group's single version and mode are lists so groups can widen without a new shape.</summary>
public sealed record FailurePattern(
    string Key,
    string Reason,
    long Count,
    DateTimeOffset LastSeen,
    IReadOnlyList<string> PromptVersionIds,
    IReadOnlyList<string> Modes,
    IReadOnlyList<FailureExample> Examples);

/// <summary>The filters of the failure list, checked before any query runs.</summary>
public sealed record FailureQuery(string? Kind, int Limit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The query, or what to fix in it.</summary>
    public static (FailureQuery? Query, string? Problem) Parse(string? kind, string? limit)
    {
        if (kind is not null && !FailureKinds.Known.Contains(kind))
        {
            return (null, $"'kind' '{kind}' is not a kind of failure; use one of: {string.Join(", ", FailureKinds.Known)}.");
        }

        if (limit is null)
        {
            return (new FailureQuery(kind, DefaultLimit), null);
        }

        return int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxLimit
            ? (new FailureQuery(kind, n), null)
            : (null, $"'limit' must be a whole number from 1 to {MaxLimit} (got '{limit}').");
    }

    public static FailurePattern ToPattern(FailureGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return new FailurePattern(group.Id, group.Reason, group.Count, group.LastSeen,
            group.PromptVersionId is { } version ? [version] : [], [group.Mode], group.Examples);
    }
}

public static class ListFailuresEndpoint
{
    public static RouteGroupBuilder MapListFailures(this RouteGroupBuilder analytics)
    {
        analytics.MapGet("/failures", async Task<Results<Ok<IReadOnlyList<FailurePattern>>, ProblemHttpResult>> (
            string? kind, string? limit, IQuerySession session, CancellationToken ct) =>
        {
            var (query, problem) = FailureQuery.Parse(kind, limit);
            if (query is null)
            {
                return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
            }

            var groups = session.Query<FailureGroup>().AsQueryable();
            if (query.Kind is { } k)
            {
                groups = groups.Where(g => g.Kind == k);
            }

            var largest = await groups.OrderByDescending(g => g.Count).ThenByDescending(g => g.LastSeen).Take(query.Limit).ToListAsync(ct);
            return TypedResults.Ok<IReadOnlyList<FailurePattern>>([.. largest.Select(FailureQuery.ToPattern)]);
        })
        .WithName("ListFailurePatterns")
        .WithSummary("Failed tasks grouped by kind of error, prompt version and mode, largest groups first, with example tasks.");
        return analytics;
    }
}
