using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Agents.AI.Workflows;
using Orchestrator.Benchmarks.Executor.Dags;

namespace Orchestrator.Benchmarks.Executor.Baseline;

/// <summary>What the baseline process reports on its last line of output.</summary>
internal sealed record BaselineResult(double WallMs, int Calls, long? PeakWorkingSet, int Supersteps);

/// <summary>
/// The same DAG as one in-process Microsoft Agent Framework workflow: one executor per task, a direct
/// edge for a single dependency, a fan-in barrier edge for a join, a start executor fanning out to the
/// tasks without dependencies, and an aggregation executor behind a barrier over every sink — as the
/// Planner aggregates the root once every task is done. Each task (and the aggregation) is one model
/// call to the same simulator; calls are limited to the same concurrency as the Executor.
/// </summary>
internal static class AgentFrameworkBaseline
{
    public const string Command = "agent-framework-baseline";

    public static Workflow Build(TaskDag dag, SimulatorClient model)
    {
        var start = new StartExecutor();
        var tasks = Enumerable.Range(0, dag.Count).Select(i => new DagTaskExecutor(i, Math.Max(1, dag.DependsOn[i].Count), model)).ToList();
        var sinks = Enumerable.Range(0, dag.Count).Where(i => dag.Dependents[i].Count == 0).ToList();
        var aggregate = new AggregateExecutor(sinks.Count, model);

        var builder = new WorkflowBuilder(start);
        builder.AddFanOutEdge(start, Enumerable.Range(0, dag.Count).Where(i => dag.DependsOn[i].Count == 0).Select(i => (ExecutorBinding)tasks[i]).ToList());
        for (var i = 0; i < dag.Count; i++)
        {
            var dependencies = dag.DependsOn[i];
            if (dependencies.Count == 1)
            {
                builder.AddEdge(tasks[dependencies[0]], tasks[i]);
            }
            else if (dependencies.Count > 1)
            {
                builder.AddFanInBarrierEdge(dependencies.Select(d => (ExecutorBinding)tasks[d]).ToList(), tasks[i]);
            }
        }

        builder.AddFanInBarrierEdge(sinks.Select(s => (ExecutorBinding)tasks[s]).ToList(), aggregate);
        return builder.WithOutputFrom(aggregate).Build();
    }

    /// <summary>Runs the workflow once in this process and prints a <see cref="BaselineResult"/> as JSON.</summary>
    public static async Task<int> RunAsChildAsync(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        var dag = TaskDag.Generate(int.Parse(values["--tasks"], CultureInfo.InvariantCulture), int.Parse(values["--seed"], CultureInfo.InvariantCulture));
        using var model = new SimulatorClient(new Uri(values["--simulator"]), int.Parse(values["--concurrency"], CultureInfo.InvariantCulture));

        // Warm up the HTTP connection pool and the JIT on a few tasks, as the services are warmed up with a small plan.
        var warmUp = TaskDag.Generate(6, 1);
        await RunOnceAsync(Build(warmUp, model), warmUp.Count);

        var calls = model.Calls;
        var workflow = Build(dag, model);
        var clock = Stopwatch.StartNew();
        var supersteps = await RunOnceAsync(workflow, dag.Count);
        clock.Stop();
        var result = new BaselineResult(clock.Elapsed.TotalMilliseconds, model.Calls - calls, Services.ServiceProcess.ReadPeakWorkingSet(Environment.ProcessId), supersteps);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<int> RunOnceAsync(Workflow workflow, int tasks)
    {
        await using var run = await InProcessExecution.RunAsync(workflow, "Run the plan.");
        var events = run.OutgoingEvents.ToList();
        if (events.OfType<ExecutorFailedEvent>().FirstOrDefault() is { } failed)
        {
            throw new InvalidOperationException($"Executor {failed.ExecutorId} failed: {failed.Data}");
        }

        if (events.OfType<WorkflowErrorEvent>().FirstOrDefault() is { } error)
        {
            throw new InvalidOperationException($"The workflow failed: {error.Exception}");
        }

        if (!events.OfType<WorkflowOutputEvent>().Any())
        {
            throw new InvalidOperationException($"The workflow of {tasks} tasks halted without reaching its aggregation.");
        }

        return events.OfType<SuperStepCompletedEvent>().Count();
    }

    [SendsMessage(typeof(string))]
    private sealed class StartExecutor() : Executor<string>("start")
    {
        public override ValueTask HandleAsync(string message, IWorkflowContext context, CancellationToken cancellationToken = default) =>
            context.SendMessageAsync(message, cancellationToken: cancellationToken);
    }

    /// <summary>One task: waits for one message per dependency (a barrier delivers them one by one), then makes its model call.</summary>
    [SendsMessage(typeof(string))]
    private sealed class DagTaskExecutor(int task, int expectedInputs, SimulatorClient model) : Executor<string>($"task-{task}")
    {
        private readonly List<string> _inputs = [];

        public override async ValueTask HandleAsync(string message, IWorkflowContext context, CancellationToken cancellationToken = default)
        {
            string brief;
            lock (_inputs)
            {
                _inputs.Add(message);
                if (_inputs.Count < expectedInputs)
                {
                    return;
                }

                brief = Brief(task, _inputs);
            }

            var reply = await model.CompleteAsync("You carry out one task of a larger plan. Reply with its result.", brief, cancellationToken);
            await context.SendMessageAsync(reply, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Combines the results once every sink has reported: one model call, as the Planner aggregates the root.</summary>
    [YieldsOutput(typeof(string))]
    private sealed class AggregateExecutor(int expectedInputs, SimulatorClient model) : Executor<string>("aggregate")
    {
        private readonly List<string> _inputs = [];

        public override async ValueTask HandleAsync(string message, IWorkflowContext context, CancellationToken cancellationToken = default)
        {
            string results;
            lock (_inputs)
            {
                _inputs.Add(message);
                if (_inputs.Count < expectedInputs)
                {
                    return;
                }

                results = string.Join("\n\n", _inputs);
            }

            var reply = await model.CompleteAsync("Combine the results of the subtasks into one result.", results, cancellationToken);
            await context.YieldOutputAsync(reply, cancellationToken);
        }
    }

    private static string Brief(int task, List<string> inputs)
    {
        var brief = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Task {task + 1}: produce part {task + 1} of the plan.\n\nInputs for this task:\n");
        foreach (var input in inputs)
        {
            brief.Append("\n## Input\n").Append(input).Append('\n');
        }

        return brief.ToString();
    }
}
