using System.Collections.Concurrent;
using JasperFx;
using Marten;
using Orchestrator.Eventing;

namespace Orchestrator.Planner.Plans.Progressing;

/// <summary>
/// Applies the Executor's reports to a plan in group commits. Reports for one plan arrive in bursts
/// (its tasks start and finish together) and every write of a large plan rewrites its whole document,
/// so one writer at a time takes every report waiting for that plan and records them in one transaction
/// — their events, what follows from them, and their handled message ids — while the others wait for
/// the plan's turn and find their report already recorded. A failed transaction fails every report in
/// it, and the bus retries each one. "One writer" holds within this instance only: another Planner
/// instance writing the same plan at the same moment makes one of the two appends fail on the plan's
/// version, and its reports are retried on the state the other left, their handled ids checked again.
/// </summary>
public sealed class PlanReportBatcher(IDocumentStore store, StreamGate gate, TimeProvider clock, ILogger<PlanReportBatcher> logger)
{
    /// <summary>At most this many reports go in one transaction.</summary>
    public const int MaxBatch = 64;

    private readonly ConcurrentDictionary<Guid, Queue<Report>> _waiting = new();

    /// <summary>One report: its delivery (consumer, message type and id), what it says, and who waits for it.</summary>
    private sealed record Report(Delivery Delivery, TaskProgress Progress)
    {
        public TaskCompletionSource Recorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Records <paramref name="progress"/> on <paramref name="planId"/> once per <paramref name="messageId"/>; returns when it is committed.</summary>
    public async Task ApplyAsync(Guid planId, string consumer, string messageType, Guid messageId, TaskProgress progress, CancellationToken ct)
    {
        var report = new Report(new Delivery(consumer, messageType, messageId), progress);
        var queue = _waiting.GetOrAdd(planId, _ => new Queue<Report>());
        lock (queue)
        {
            queue.Enqueue(report);
        }

        using (await gate.EnterAsync(planId, ct))
        {
            if (!report.Recorded.Task.IsCompleted)
            {
                await WriteWaitingAsync(planId, queue, ct);
            }
        }

        await report.Recorded.Task;
    }

    private async Task WriteWaitingAsync(Guid planId, Queue<Report> queue, CancellationToken ct)
    {
        List<Report> batch;
        lock (queue)
        {
            batch = [];
            while (batch.Count < MaxBatch && queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            if (queue.Count == 0)
            {
                // A report enqueued on this queue after its removal is written by its own consumer, which holds the queue.
                _waiting.TryRemove(new KeyValuePair<Guid, Queue<Report>>(planId, queue));
            }
        }

        try
        {
            await WriteAsync(planId, batch, ct);
            batch.ForEach(r => r.Recorded.TrySetResult());
        }
        catch (Exception e)
        {
            batch.ForEach(r => r.Recorded.TrySetException(e));
        }
    }

    private async Task WriteAsync(Guid planId, List<Report> batch, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var firstTime = (await HandledMessages.FirstTimeAsync(session, batch.ConvertAll(r => r.Delivery), logger, ct)).ToHashSet();
        var fresh = batch.Where(r => firstTime.Remove(r.Delivery)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        var write = await new PlanWriter(session, clock, gate).AppendAsync(planId, plan => Combine(plan, fresh), ct);
        if (write.Problem is { } problem)
        {
            logger.LogWarning("Reports for plan {PlanId} changed nothing: {Problem}", planId, problem.Detail);
        }

        var deliveries = fresh.ConvertAll(r => r.Delivery);
        HandledMessages.Record(session, deliveries, clock.GetUtcNow());
        await session.SaveChangesAsync(ct);
        HandledMessages.Committed(deliveries);
    }

    /// <summary>Decides the reports one after the other, each on the plan as the ones before it left it, with what follows from each.</summary>
    private Decision Combine(Plan plan, IReadOnlyList<Report> reports)
    {
        var events = new List<object>();
        foreach (var report in reports)
        {
            var decision = TaskProgressDecision.Decide(plan, report.Progress);
            if (decision.Problem is { } problem)
            {
                logger.LogWarning("{MessageType} for task {TaskId} of plan {PlanId} changed nothing: {Problem}",
                    report.Delivery.MessageType, report.Progress.TaskId, plan.Id, problem.Detail);
                continue;
            }

            var (applied, after) = PlanWriter.WithFollowUps(plan, decision.Events, clock.GetUtcNow());
            events.AddRange(applied);
            plan = after;
        }

        return Decision.Accept([.. events]);
    }
}
