using JasperFx;
using Marten;
using Npgsql;
using Orchestrator.Eventing;

namespace Orchestrator.Executor.Executions.Scheduling;

/// <summary>
/// Starts queued executions within the global and per-plan limits, requests turns whose backoff is
/// over or whose lease ran out (a crashed instance, a lost message), and fails attempts that timed out.
/// One instance at a time schedules: it holds a PostgreSQL advisory lock on its own connection, which
/// the server releases when the process dies, so another instance (or the restarted one) takes over.
/// </summary>
public sealed class ExecutionScheduler(
    IDocumentStore store, ExecutorSettings settings, SchedulerSignal signal, TimeProvider clock, IConfiguration configuration, ILogger<ExecutionScheduler> logger)
    : BackgroundService
{
    /// <summary>The advisory lock key of the Executor's scheduler ("Executor" in ASCII, truncated).</summary>
    private const long LockKey = 0x4578_6563_7574_6f72;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(EventStoreExtensions.ConnectionStringName)!;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                if (!await TryLockAsync(connection, stoppingToken))
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }

                logger.LogInformation("This instance now schedules executions");
                while (!stoppingToken.IsCancellationRequested && connection.State == System.Data.ConnectionState.Open)
                {
                    await TickAsync(stoppingToken);
                    await signal.WaitAsync(settings.SchedulerInterval, stoppingToken);
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
                await AppendAsync(execution.Id, state => ExecutionDecisions.TimeOut(state, settings.TaskTimeout, clock.GetUtcNow()), ct);
            }
            else if (ExecutionDecisions.RequestDueTurn(execution, settings.TurnLease, now).Count > 0)
            {
                await AppendAsync(execution.Id, state => ExecutionDecisions.RequestDueTurn(state, settings.TurnLease, clock.GetUtcNow()), ct);
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
        foreach (var taskId in admitted)
        {
            await ExecutionStream.AppendAsync(session, taskId, state => state is null ? [] : ExecutionDecisions.Start(state, Guid.NewGuid(), clock.GetUtcNow()), ct);
        }

        await SaveAsync(session, ct);
    }

    private async Task AppendAsync(Guid taskId, Func<Execution, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await ExecutionStream.AppendAsync(session, taskId, state => state is null ? [] : decide(state), ct);
        await SaveAsync(session, ct);
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
