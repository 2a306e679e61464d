using System.Globalization;
using System.Text;
using Marten;
using MassTransit;
using Orchestrator.Contracts.Planning;
using Orchestrator.ModelAccess;
using Orchestrator.Planner.Plans.Artifacts;
using Orchestrator.Prompts;

namespace Orchestrator.Planner.Plans.Progressing;

/// <summary>
/// Combines the results of a parent's subtasks into the parent's result with the aggregation prompt, and completes the parent
/// (queue <see cref="Queue"/>). The model call happens before the plan's turn, so the plan's other writers never wait for it;
/// in its turn the consumer decides again on the plan as it stands and records the outcome with the command's id. A command
/// delivered again finds the parent aggregated and makes no second model call, nor do copies delivered to this process at once.
/// </summary>
public sealed class AggregateParentConsumer(
    IDocumentStore store, IChatModel model, IPromptClient prompts, ModelPricing pricing, StreamGate gate, TimeProvider clock,
    ILogger<AggregateParentConsumer> logger)
    : IdempotentConsumer<AggregateParent>(store, logger)
{
    public const string Queue = "planner-aggregate-parent";

    /// <summary>
    /// Copies of one command in this process aggregate one after the other, until the first has recorded its outcome, so the later
    /// ones find the parent aggregated and call no model. Taken before the plan's turn, never inside it.
    /// </summary>
    private static readonly StreamGate Aggregations = new();

    /// <summary>What the model's reply makes of the parent; set by <see cref="PrepareAsync"/> (MassTransit builds a consumer per message).</summary>
    private IReadOnlyList<object>? _outcome;

    protected override Guid? StreamOf(AggregateParent message) => message.PlanId;

    protected override async Task<IDisposable?> PrepareAsync(ConsumeContext<AggregateParent> context)
    {
        var turn = await Aggregations.EnterAsync(context.Message.TaskId, context.CancellationToken);
        try
        {
            Plan? plan;
            await using (var query = Store.QuerySession())
            {
                plan = await PlanStorage.LoadLatestAsync(query, context.Message.PlanId, context.CancellationToken);
            }

            if (plan is not null && AggregateParentDecision.Due(plan, context.Message).Problem is null)
            {
                _outcome = await CombineAsync(plan, plan.Find(context.Message.TaskId)!, context.CancellationToken);
            }

            return turn;
        }
        catch
        {
            turn.Dispose();
            throw;
        }
    }

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<AggregateParent> context)
    {
        var command = context.Message;
        var write = await new PlanWriter(session, clock, gate).AppendAsync(command.PlanId, plan =>
            _outcome is { } outcome ? AggregateParentDecision.Decide(plan, command, outcome) : AggregateParentDecision.Due(plan, command), context.CancellationToken);
        if (write.Problem is { } problem)
        {
            logger.LogInformation("Aggregating task {TaskId} of plan {PlanId} changed nothing: {Problem}", command.TaskId, command.PlanId, problem.Detail);
        }
        else if (_outcome is null)
        {
            // The parent came to wait for its result between the model call this delivery skipped and its turn: the bus delivers it again.
            throw new InvalidOperationException($"Task {command.TaskId} of plan {command.PlanId} came to wait for its aggregated result meanwhile.");
        }
    }

    private async Task<object[]> CombineAsync(Plan plan, PlanTask parent, CancellationToken ct)
    {
        var children = plan.ChildrenOf(parent.Id).ToList();
        try
        {
            var prompt = await prompts.ResolveAsync(PromptNames.Aggregate, plan.Id, ct);
            var results = new StringBuilder();
            foreach (var child in children)
            {
                results.Append("## ").AppendLine(child.Title).AppendLine(child.Result ?? child.Summary ?? "(no result)").AppendLine();
            }

            var system = await prompts.RenderAsync(prompt, new Dictionary<string, object?>
            {
                ["objective"] = parent.Objective,
                ["title"] = parent.Title,
                ["results"] = results.ToString(),
                ["expectedOutputs"] = string.Join("\n", parent.ExpectedOutputs.Select(o => "- " + o)),
            }, ct);
            var reply = await model.CompleteAsync(new ModelRequest([new(ModelRole.System, system), new(ModelRole.User, $"Combine the results of the {children.Count} subtasks of \"{parent.Title}\".")])
            {
                Purpose = ModelPurposes.Aggregate,
                PromptName = prompt.Name,
                PromptVersionId = prompt.VersionId,
                Subject = plan.Id,
            }, ct);
            var usage = reply.Usage;
            var completed = new TaskCompleted(plan.Id, parent.Id, Summarise(reply.Content, children.Count), reply.Content, clock.GetUtcNow(),
                (long)usage.PromptTokens + usage.CompletionTokens, pricing.Cost(usage));
            return [completed, ArtifactExtraction.Record(completed)];
        }
        catch (ModelCallException ex)
        {
            logger.LogWarning("Aggregating task {TaskId} failed: {Reason}", parent.Id, ex.Message);
            return [new TaskFailed(plan.Id, parent.Id, $"Combining the subtasks' results failed: {ex.Message}", clock.GetUtcNow())];
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

/// <summary>Names the consumer's queue <see cref="AggregateParentConsumer.Queue"/>, the address the Planner's relay sends the command to.</summary>
public sealed class AggregateParentConsumerDefinition : ConsumerDefinition<AggregateParentConsumer>
{
    public AggregateParentConsumerDefinition() => EndpointName = AggregateParentConsumer.Queue;
}
