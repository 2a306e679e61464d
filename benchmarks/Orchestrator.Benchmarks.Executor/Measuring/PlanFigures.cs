using System.Text.Json.Nodes;
using Orchestrator.Benchmarks.Executor.Dags;
using Orchestrator.Benchmarks.Executor.Services;

namespace Orchestrator.Benchmarks.Executor.Measuring;

/// <summary>
/// Figures read from a plan's event history. Times are the events' own <c>at</c>: the Planner's for
/// TaskReadied, the Executor's for TaskStarted and TaskCompleted (carried by its reports), and the
/// moment the Planner recorded each event for "recorded".
/// </summary>
internal sealed record PlanFigures(
    string Status,
    TimeSpan Wall,
    Percentiles ReadyToStarted,
    Percentiles CompletedToDependentsReady,
    Percentiles StartedToCompleted,
    Percentiles CompletedToRecorded,
    TimeSpan LastTaskToFinished,
    int TasksCompleted,
    int Attempts,
    int HistoryEvents)
{
    public static PlanFigures Read(JsonArray history, TaskDag dag, BuiltPlan plan)
    {
        var index = plan.TaskIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var readied = new DateTimeOffset?[dag.Count];
        var started = new DateTimeOffset?[dag.Count];
        var completed = new DateTimeOffset?[dag.Count];
        var recorded = new DateTimeOffset?[dag.Count];
        DateTimeOffset? approved = null, finished = null;
        var status = "running";
        var attempts = 0;
        foreach (var entry in history.OfType<JsonObject>())
        {
            var type = entry["type"]!.GetValue<string>();
            var data = entry["data"]!;
            var at = data["at"]!.GetValue<DateTimeOffset>();
            var task = data["taskId"] is { } taskId && index.TryGetValue(taskId.GetValue<Guid>(), out var i) ? i : -1;
            switch (type)
            {
                case "plan-approved":
                    approved ??= at;
                    break;
                case "plan-finished":
                    finished = at;
                    status = data["status"]!.GetValue<string>();
                    break;
                case "task-readied" when task >= 0:
                    attempts++;
                    readied[task] ??= at;
                    break;
                case "task-started" when task >= 0:
                    started[task] ??= at;
                    break;
                case "task-completed" when task >= 0:
                    completed[task] ??= at;
                    recorded[task] ??= entry["at"]!.GetValue<DateTimeOffset>();
                    break;
            }
        }

        var tasks = Enumerable.Range(0, dag.Count).ToList();
        var dependentsReady = tasks
            .Where(t => dag.DependsOn[t].Count > 0 && readied[t] is not null && dag.DependsOn[t].All(d => completed[d] is not null))
            .Select(t => Ms(readied[t]!.Value - dag.DependsOn[t].Max(d => completed[d]!.Value)));
        var lastTask = tasks.Where(t => completed[t] is not null).Select(t => completed[t]!.Value).DefaultIfEmpty().Max();
        return new PlanFigures(
            status,
            finished is { } end && approved is { } begin ? end - begin : TimeSpan.Zero,
            Percentiles.Of(tasks.Where(t => readied[t] is not null && started[t] is not null).Select(t => Ms(started[t]!.Value - readied[t]!.Value))),
            Percentiles.Of(dependentsReady),
            Percentiles.Of(tasks.Where(t => started[t] is not null && completed[t] is not null).Select(t => Ms(completed[t]!.Value - started[t]!.Value))),
            Percentiles.Of(tasks.Where(t => completed[t] is not null).Select(t => Ms(recorded[t]!.Value - completed[t]!.Value))),
            finished is { } done && lastTask != default ? done - lastTask : TimeSpan.Zero,
            completed.Count(c => c is not null),
            attempts,
            history.Count);
    }

    private static double Ms(TimeSpan span) => span.TotalMilliseconds;
}
