using Marten;
using Orchestrator.Eventing;
using Orchestrator.Planner.Plans.Progressing;

namespace Orchestrator.Planner.Plans;

/// <summary>
/// The shared write path (<see cref="EventStreamWriter"/>) on a plan: load (the state this process recorded last, or the plan's documents),
/// check the client's <c>If-Match</c> version, decide, add what follows by itself (readiness, completion), append with the version it was
/// decided on, save. Writers in this process take turns through the <see cref="StreamGate"/>; a writer in another instance makes the
/// save fail on the plan's version and the client gets 409; nothing is half-written.
/// </summary>
public sealed class PlanWriter(IDocumentSession session, TimeProvider clock, StreamGate gate)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Decides, appends and saves; on success with a request, the response carries the plan's new version as its ETag.</summary>
    public async Task<Written<Plan>> WriteAsync(Guid planId, HttpRequest? request, Func<Plan, Decision> decide, CancellationToken ct)
    {
        var (expected, invalid) = request is null ? (null, null) : WrittenResults.ExpectedVersion(request);
        if (invalid is not null)
        {
            return new(null, [], invalid);
        }

        using var turn = await gate.EnterAsync(planId, ct);
        var stream = await OpenAsync(planId, ct);
        if (stream.State is null)
        {
            return NotFound(planId);
        }

        var write = await session.WriteAsync(stream, plan => decide(plan!), ct, expected);
        if (request is not null && write.Problem is null && write.Events.Count > 0)
        {
            request.HttpContext.Response.Headers.ETag = $"\"{write.State!.Version}\"";
        }

        return write;
    }

    /// <summary>
    /// Decides and appends to the session without saving, for callers that save more in the same transaction;
    /// they hold the plan's turn in the <see cref="StreamGate"/> until they have saved.
    /// </summary>
    public async Task<Written<Plan>> AppendAsync(Guid planId, Func<Plan, Decision> decide, CancellationToken ct)
    {
        var stream = await OpenAsync(planId, ct);
        return stream.State is null ? NotFound(planId) : EventStreamWriter.Decide(stream, plan => decide(plan!));
    }

    /// <summary>
    /// The plan to decide on: the one this process recorded last, while the plan's document still carries its revision
    /// (one small read); otherwise the plan and all its tasks, read again.
    /// </summary>
    private async Task<OpenPlan> OpenAsync(Guid planId, CancellationToken ct)
    {
        var plan = await PlanStorage.LoadLatestAsync(session, planId, ct);
        return new OpenPlan(session, plan is { Exists: true } ? plan : null, Now);
    }

    private static Written<Plan> NotFound(Guid planId) =>
        new(null, [], new DecisionProblem(Refusal.NotFound, "Not found", $"Plan {planId} does not exist."));

    /// <summary><paramref name="events"/> and what follows from them by itself (readiness, completion, requests to aggregate), with the plan after all of them.</summary>
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

        // A request changes nothing else: a parent that waits for its aggregation keeps the plan from finishing by itself.
        var requests = Progression.RequestAggregations(plan, after, all, now);
        return requests.Count == 0 ? (all, after) : ([.. all, .. requests], Fold(after, requests));
    }

    public static Plan Fold(Plan plan, IEnumerable<object> events) =>
        events.Aggregate(plan, (state, e) => PlanEvolution.Evolve(state, e) with { Version = state.Version + 1 });

    /// <summary>
    /// A plan opened for one write. Appending adds what follows from the decided events by itself, appends all of them at the
    /// version they were decided on and records the plan's documents in the same transaction.
    /// </summary>
    private sealed class OpenPlan(IDocumentSession session, Plan? plan, DateTimeOffset now) : IOpenStream<Plan>
    {
        public string Name => "plan";

        public Plan? State => plan;

        public long Version => plan?.Version ?? 0;

        public (IReadOnlyList<object> Events, Plan? After) Append(IReadOnlyList<object> events)
        {
            var (all, after) = WithFollowUps(plan!, events, now);
            session.Events.Append(plan!.Id, after.Version, all);
            PlanStateCache.For(session.DocumentStore).Remember(after, PlanStorage.Record(session, plan, after));
            return (all, after);
        }
    }
}
