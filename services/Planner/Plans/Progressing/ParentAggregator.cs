using System.Diagnostics;
using System.Globalization;
using System.Text;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Orchestrator.Eventing;
using Orchestrator.ModelAccess;
using Orchestrator.Planner.Plans.Artifacts;
using Orchestrator.Prompts;

namespace Orchestrator.Planner.Plans.Progressing;

/// <summary>
/// When every child of a task is complete, combines their results into the parent's result with the
/// aggregation prompt, and completes the parent. Runs as a Marten subscription, so a crash between
/// the last child's completion and the aggregation only delays it: the daemon replays the page, and
/// the decision ignores parents that were already completed.
/// </summary>
public sealed class ParentAggregator : SubscriptionBase
{
    /// <summary>
    /// One aggregation of a plan at a time in this process, whether the daemon or the <see cref="AggregationTrigger"/> asks:
    /// the later one finds the parent aggregated already and makes no second model call.
    /// </summary>
    private static readonly StreamGate Turns = new();

    private readonly IServiceProvider _services;
    private readonly IChatModel _model;
    private readonly IPromptClient _prompts;
    private readonly TimeProvider _clock;
    private readonly ILogger<ParentAggregator> _logger;

    /// <remarks>Takes the service provider, not the store: the subscription is built while the store itself is being built.</remarks>
    public ParentAggregator(IServiceProvider services, IChatModel model, IPromptClient prompts, TimeProvider clock, ILogger<ParentAggregator> logger)
    {
        _services = services;
        _model = model;
        _prompts = prompts;
        _clock = clock;
        _logger = logger;
        Name = "parent-aggregator";
        IncludeType<TaskCompleted>();
        IncludeType<TaskRetried>();
        IncludeType<SubtreeDeleted>();
    }

    private IDocumentStore Store => _services.GetRequiredService<IDocumentStore>();

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var events in page.Events.GroupBy(e => e.StreamId))
        {
            // The aggregation continues the trace of the change that made it due (the last child's completion).
            using var activity = EventTraceContext.StartActivity("aggregate parent tasks", ActivityKind.Internal, events.Last());
            await AggregateDueParentsAsync(events.Key, cancellationToken);
        }

        return NullChangeListener.Instance;
    }

    public async Task AggregateDueParentsAsync(Guid planId, CancellationToken ct)
    {
        using var turn = await Turns.EnterAsync(planId, ct);
        for (var round = 0; round < 64; round++)
        {
            Plan? plan;
            await using (var query = Store.QuerySession())
            {
                plan = await PlanStorage.LoadLatestAsync(query, planId, ct);
            }

            var due = plan is null ? [] : Progression.AggregationsDue(plan);
            if (due.Count == 0)
            {
                return;
            }

            foreach (var parent in due)
            {
                var outcome = await AggregateAsync(plan!, parent, ct);
                await using var session = Store.LightweightSession();
                var write = await new PlanWriter(session, _clock, _services.GetRequiredService<StreamGate>()).WriteAsync(planId, null, current =>
                    Progression.AggregationsDue(current).Any(t => t.Id == parent.Id) ? Decision.Accept(outcome) : Decision.Accept(), ct);
                if (write.Problem is not null)
                {
                    _logger.LogInformation("Aggregation of task {TaskId} raced with another change; trying again", parent.Id);
                }
            }
        }
    }

    private async Task<object[]> AggregateAsync(Plan plan, PlanTask parent, CancellationToken ct)
    {
        var children = plan.ChildrenOf(parent.Id).ToList();
        var now = _clock.GetUtcNow();
        try
        {
            var prompt = await _prompts.ResolveAsync(PromptNames.Aggregate, plan.Id, ct);
            var results = new StringBuilder();
            foreach (var child in children)
            {
                results.Append("## ").AppendLine(child.Title).AppendLine(child.Result ?? child.Summary ?? "(no result)").AppendLine();
            }

            var system = await _prompts.RenderAsync(prompt, new Dictionary<string, object?>
            {
                ["objective"] = parent.Objective,
                ["title"] = parent.Title,
                ["results"] = results.ToString(),
                ["expectedOutputs"] = string.Join("\n", parent.ExpectedOutputs.Select(o => "- " + o)),
            }, ct);
            var reply = await _model.CompleteAsync(new ModelRequest([new(ModelRole.System, system), new(ModelRole.User, $"Combine the results of the {children.Count} subtasks of \"{parent.Title}\".")])
            {
                Purpose = ModelPurposes.Aggregate,
                PromptName = prompt.Name,
                PromptVersionId = prompt.VersionId,
                Subject = plan.Id,
            }, ct);
            var usage = reply.Usage;
            var completed = new TaskCompleted(plan.Id, parent.Id, Summarise(reply.Content, children.Count), reply.Content, now,
                (long)usage.PromptTokens + usage.CompletionTokens, _services.GetRequiredService<ModelPricing>().Cost(usage));
            return [completed, ArtifactExtraction.Record(completed)];
        }
        catch (ModelCallException ex)
        {
            _logger.LogWarning("Aggregating task {TaskId} failed: {Reason}", parent.Id, ex.Message);
            return [new TaskFailed(plan.Id, parent.Id, $"Combining the subtasks' results failed: {ex.Message}", now)];
        }
    }

    private static string Summarise(string result, int children)
    {
        var firstLine = result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return firstLine.Length > 0
            ? (firstLine.Length <= 200 ? firstLine : string.Concat(firstLine.AsSpan(0, 199), "…"))
            : string.Create(CultureInfo.InvariantCulture, $"Combined the results of {children} subtasks.");
    }
}
