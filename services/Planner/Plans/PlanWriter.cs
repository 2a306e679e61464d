using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Orchestrator.Eventing;

namespace Orchestrator.Planner.Plans;

/// <summary>The outcome of a write: the plan after it and the events appended, or the problem that refused it.</summary>
public sealed record PlanWrite(Plan? Plan, IReadOnlyList<object> Events, ProblemHttpResult? Problem);

/// <summary>
/// Runs one decision against a plan stream: load (the state this process recorded last, or the plan's documents), check the client's <c>If-Match</c> version, decide,
/// add what follows by itself (readiness, completion), append with the version it was decided on.
/// Writers in this process take turns through the <see cref="StreamGate"/>; a writer in another instance
/// makes the append fail on the plan's version and the client gets 409; nothing is half-written.
/// </summary>
public sealed class PlanWriter(IDocumentSession session, TimeProvider clock, StreamGate gate)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Decides, appends and saves; a concurrent writer turns into a 409 for the client.</summary>
    public async Task<PlanWrite> WriteAsync(Guid planId, HttpRequest? request, Func<Plan, Decision> decide, CancellationToken ct)
    {
        using var turn = await gate.EnterAsync(planId, ct);
        var write = await AppendAsync(planId, request, decide, ct);
        if (write.Problem is not null || write.Events.Count == 0)
        {
            return write;
        }

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            return Refused(StatusCodes.Status409Conflict, "Plan changed", "Someone else changed the plan at the same moment: reload it and apply your change again.");
        }

        if (request is not null)
        {
            request.HttpContext.Response.Headers.ETag = $"\"{write.Plan!.Version}\"";
        }

        return write;
    }

    /// <summary>
    /// Decides and appends to the session without saving, for callers that save more in the same transaction;
    /// they hold the plan's turn in the <see cref="StreamGate"/> until they have saved.
    /// </summary>
    public async Task<PlanWrite> AppendAsync(Guid planId, HttpRequest? request, Func<Plan, Decision> decide, CancellationToken ct)
    {
        var plan = await LoadAsync(planId, ct);
        if (plan is null || !plan.Exists)
        {
            return Refused(StatusCodes.Status404NotFound, "Not found", $"Plan {planId} does not exist.");
        }

        if (request is not null && ExpectedVersion(request) is { } expected && expected != plan.Version)
        {
            return Refused(StatusCodes.Status409Conflict, "Plan changed",
                $"The plan is at version {plan.Version}, not {expected}: reload it and apply your change again.");
        }

        if (request is not null && ExpectedVersion(request) is null && request.Headers.IfMatch.Count > 0 && request.Headers.IfMatch != "*")
        {
            return Refused(StatusCodes.Status400BadRequest, "Invalid If-Match", "If-Match must be the plan version in quotes, e.g. \"12\".");
        }

        var decision = decide(plan);
        if (decision.Problem is { } problem)
        {
            return new PlanWrite(plan, [], problem.ToResult());
        }

        var (events, after) = WithFollowUps(plan, decision.Events, Now);

        if (events.Count == 0)
        {
            return new PlanWrite(after, events, null);
        }

        // The append fails on save if the stream moved past the version this was decided on.
        session.Events.Append(planId, after.Version, events);
        PlanStateCache.For(session.DocumentStore).Remember(after, PlanStorage.Record(session, plan, after));
        return new PlanWrite(after, events, null);
    }

    /// <summary>
    /// The plan to decide on: the one this process recorded last, while the plan's document still carries its revision
    /// (one small read); otherwise the plan and all its tasks, read again.
    /// </summary>
    private async Task<Plan?> LoadAsync(Guid planId, CancellationToken ct)
    {
        var current = await session.LoadAsync<PlanDocument>(planId, ct);
        if (current is null)
        {
            return null;
        }

        return PlanStateCache.For(session.DocumentStore).Find(planId, current.Revision) ?? await PlanStorage.LoadAsync(session, planId, ct);
    }

    /// <summary><paramref name="events"/> and what follows from them by itself (readiness, completion), with the plan after all of them.</summary>
    public static (List<object> Events, Plan After) WithFollowUps(Plan plan, IEnumerable<object> events, DateTimeOffset now)
    {
        var all = events.ToList();
        var after = Fold(plan, all);
        var followUps = Progression.Advance(after, all, now);
        while (followUps.Count > 0)
        {
            all.AddRange(followUps);
            after = Fold(after, followUps);
            followUps = followUps.Any(e => e is PlanFinished) ? [] : Progression.Advance(after, followUps, now);
        }

        return (all, after);
    }

    public static Plan Fold(Plan plan, IEnumerable<object> events) =>
        events.Aggregate(plan, (state, e) => PlanEvolution.Evolve(state, e) with { Version = state.Version + 1 });

    private static long? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header == "*")
        {
            return null;
        }

        return EntityTagHeaderValue.TryParse(header, out var tag) && long.TryParse(tag.Tag.AsSpan().Trim('"'), out var version) ? version : null;
    }

    private static PlanWrite Refused(int status, string title, string detail) =>
        new(null, [], TypedResults.Problem(detail, statusCode: status, title: title));
}
