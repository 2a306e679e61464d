using System.Diagnostics;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;
using Orchestrator.Eventing;

namespace Orchestrator.Executor.Executions.Scheduling;

/// <summary>
/// Starts queued executions within the global and per-plan limits, requests turns whose backoff is
/// over or whose lease ran out (a crashed instance, a lost message), and fails attempts that timed out.
/// One instance at a time schedules: it holds a PostgreSQL advisory lock on its own connection, which
/// the server releases when the process dies, so another instance (or the restarted one) takes over.
/// The holder checks before every pass that its connection (and so its lock) is still there, so two
/// instances never schedule at once. Each execution it starts or re-drives continues the trace of the
/// execution's last event.
/// </summary>
public sealed class ExecutionScheduler(
    IDocumentStore store, NpgsqlDataSource dataSource, ExecutorSettings settings, SchedulerSignal signal, TimeProvider clock, ILogger<ExecutionScheduler> logger)
    : BackgroundService
{
    /// <summary>The advisory lock key of the Executor's scheduler ("Executor" in ASCII, truncated).</summary>
    private const long LockKey = 0x4578_6563_7574_6f72;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                if (!await TryLockAsync(connection, stoppingToken))
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }

                try
                {
                    logger.LogInformation("This instance now schedules executions");
                    while (!stoppingToken.IsCancellationRequested && await HoldsLockAsync(connection, stoppingToken))
                    {
                        await TickAsync(stoppingToken);
                        await signal.WaitAsync(settings.SchedulerInterval, stoppingToken);
                    }
                }
                finally
                {
                    // Pooled connections are not reset when handed back: the lock must not go back to the pool with it.
                    await UnlockAsync(connection);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                logger.LogWarning(e, "Scheduling stopped; trying again");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", LockKey);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>A round trip on the lock's connection: when the server dropped it, the lock went with it and another instance may hold it now.</summary>
    private static async Task<bool> HoldsLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select 1", connection);
        await command.ExecuteScalarAsync(ct);
        return true;
    }

    private async Task UnlockAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (NpgsqlException e)
        {
            // A connection that fails here is broken: the pool discards it and the server has released the lock.
            logger.LogDebug(e, "Releasing the scheduler lock failed");
        }
    }

    /// <summary>One pass over every queued and running execution.</summary>
    public async Task TickAsync(CancellationToken ct)
    {
        List<Execution> live;
        await using (var query = store.QuerySession())
        {
            live = (await query.Query<Execution>()
                .Where(e => e.Status == ExecutionStatus.Queued || e.Status == ExecutionStatus.Running)
                .ToListAsync(ct)).ToList();
        }

        var now = clock.GetUtcNow();
        var running = live.Where(e => e.Status == ExecutionStatus.Running).ToList();
        foreach (var execution in running)
        {
            if (ExecutionDecisions.TimeOut(execution, settings.TaskTimeout, now).Count > 0)
            {
                await AppendAsync(execution.Id, "time out execution", state => ExecutionDecisions.TimeOut(state, settings.TaskTimeout, clock.GetUtcNow()), ct);
            }
            else if (ExecutionDecisions.RequestDueTurn(execution, settings.TurnLease, now).Count > 0)
            {
                await AppendAsync(execution.Id, "request due turn", state => ExecutionDecisions.RequestDueTurn(state, settings.TurnLease, clock.GetUtcNow()), ct);
            }
        }

        var queued = live.Where(e => e.Status == ExecutionStatus.Queued).OrderBy(e => e.Spec?.QueuedAt).Select(e => (e.Id, e.PlanId));
        var admitted = ExecutionDecisions.Admit(queued, running.Select(e => e.PlanId), settings.MaxConcurrency, settings.MaxConcurrencyPerPlan);
        if (admitted.Count == 0)
        {
            return;
        }

        // One transaction for the whole batch: the stream versions guard against a concurrent cancel, in which case the next pass decides again.
        await using var session = store.LightweightSession();
        await AppendTracedAsync(session, admitted, "start execution", state => ExecutionDecisions.Start(state, Guid.NewGuid(), clock.GetUtcNow()), ct);
        await SaveAsync(session, ct);
    }

    private async Task AppendAsync(Guid taskId, string operation, Func<Execution, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await AppendTracedAsync(session, [taskId], operation, decide, ct);
        await SaveAsync(session, ct);
    }

    /// <summary>
    /// Appends what <paramref name="decide"/> says to each execution, stamped with the trace of its last event (the scheduler has
    /// none of its own). The executions are read in one round trip and their last events in another, however many there are.
    /// </summary>
    private static async Task AppendTracedAsync(
        IDocumentSession session, IReadOnlyList<Guid> taskIds, string operation, Func<Execution, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        var ids = taskIds.ToArray();
        var streams = await ExecutionStream.OpenManyAsync(session, ids, ct);
        var lastEvents = (await session.Events.QueryAllRawEvents().Where(e => ids.Contains(e.StreamId)).ToListAsync(ct))
            .GroupBy(e => e.StreamId)
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.Sequence)!);
        for (var i = 0; i < ids.Length; i++)
        {
            var parent = lastEvents.TryGetValue(ids[i], out var last) ? EventTraceContext.Of(last) : default;
            using var activity = EventTraceContext.Source.StartActivity(operation, ActivityKind.Internal, parent);
            activity?.SetTag("orchestrator.task.id", ids[i].ToString());
            EventStreamWriter.Decide(streams[i], state => new Decision(state is null ? [] : decide(state), null));
            EventTraceContext.Stamp(session, activity?.Context ?? parent, activity?.TraceStateString, ids[i]);
        }
    }

    private async Task SaveAsync(IDocumentSession session, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException e)
        {
            logger.LogDebug(e, "An execution changed while being scheduled; the next pass decides again");
        }
    }
}
