using System.Text;
using Marten;
using Orchestrator.ModelAccess;
using Orchestrator.Planner.Patterns;
using Orchestrator.Prompts;

namespace Orchestrator.Planner.Plans.Decomposing;

/// <summary>A usable proposal with what produced it, or the reason there is none.</summary>
public sealed record DecompositionOutcome(Proposal? Proposal, string PromptVersionId, int Attempts, string? Error, bool ModelUnavailable)
{
    /// <summary>The gallery patterns the prompt gave as worked examples.</summary>
    public IReadOnlyList<PatternRef> Patterns { get; init; } = [];

    /// <summary>What the model calls used and cost, every attempt counted (a failed call reports nothing).</summary>
    public CallCost Cost { get; init; } = CallCost.None;
}

/// <summary>Model calls, the tokens they used and what they cost in US dollars.</summary>
public sealed record CallCost(int Calls, long Tokens, decimal Usd)
{
    public static readonly CallCost None = new(0, 0, 0m);

    public CallCost Add(ModelUsage usage, ModelPricing pricing) =>
        new(Calls + 1, Tokens + usage.PromptTokens + usage.CompletionTokens, Usd + pricing.Cost(usage));
}

/// <summary>
/// Asks the model to decompose one task with the decomposition prompt resolved for the plan. A reply
/// that does not parse, or does not fit the tree, is sent back once with the reason; a second bad
/// reply is rejected with that reason. A prompt version that has an <c>examples</c> variable gets the proven plans of the gallery
/// most like the request as worked examples; a plan started from a pattern gets that pattern to adapt, whatever the version.
/// </summary>
public sealed class Decomposer(
    IChatModel model, IPromptClient prompts, IQuerySession session, PlannerSettings settings, ModelPricing pricing, ILogger<Decomposer> logger)
{
    public const int MaxAttempts = 2;

    public async Task<DecompositionOutcome> ProposeAsync(Plan plan, Guid taskId, string? guidance, CancellationToken ct)
    {
        var task = plan.Find(taskId)!;
        var depth = plan.AncestorsOf(taskId).Count();
        var prompt = await prompts.ResolveAsync(PromptNames.Decompose, plan.Id, ct);
        var start = task.ParentId is null && plan.StartPatternId is { } startId ? await session.LoadAsync<Pattern>(startId, ct) : null;
        var examples = BuiltInPrompts.UsesPatterns(prompt.Text)
            ? PatternExamples.Render(
                [.. (await PatternSearch.FindAsync(session, task.Objective, PatternExamples.MaxExamples + 1, ct)).Where(p => p.Id != start?.Id)],
                settings.PatternTokenBudget)
            : PatternExampleSet.None;
        var patterns = start is null ? examples.Used : [new PatternRef(start.Id, start.Title), .. examples.Used];
        var system = await prompts.RenderAsync(prompt, new Dictionary<string, object?>
        {
            ["examples"] = examples.Text.Length == 0 ? "(none yet)" : examples.Text,
            ["request"] = task.Objective,
            ["title"] = task.Title,
            ["depth"] = depth.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["maxDepth"] = settings.MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["context"] = Context(plan, task),
        }, ct);

        var messages = new List<ModelMessage> { new(ModelRole.System, system), new(ModelRole.User, UserTurn(task, guidance, start)) };
        string? error = null;
        var cost = CallCost.None;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            ModelReply reply;
            try
            {
                reply = await model.CompleteAsync(new ModelRequest(messages)
                {
                    Purpose = ModelPurposes.Decompose,
                    PromptName = prompt.Name,
                    PromptVersionId = prompt.VersionId,
                    Subject = plan.Id,
                    ResponseSchema = new ResponseSchema(DecompositionSchema.Name, DecompositionSchema.Json),
                    Temperature = prompt.Parameters.Temperature,
                }, ct);
            }
            catch (ModelCallException ex)
            {
                return new DecompositionOutcome(null, prompt.VersionId, attempt, $"The model could not be reached: {ex.Message}", ModelUnavailable: true)
                {
                    Patterns = patterns,
                    Cost = cost,
                };
            }

            cost = cost.Add(reply.Usage, pricing);

            var parsed = DecompositionParser.Parse(reply.Content, Math.Max(1, settings.MaxDepth - depth));
            error = parsed.Error;
            if (parsed.Proposal is { } proposal)
            {
                var check = DecompositionDecision.Decide(plan, new ProposeDecomposition(taskId, proposal, prompt.VersionId, attempt, Guid.NewGuid, DateTimeOffset.UnixEpoch));
                if (check.Problem is null)
                {
                    return new DecompositionOutcome(proposal, prompt.VersionId, attempt, null, false) { Patterns = patterns, Cost = cost };
                }

                error = check.Problem.Detail;
            }

            logger.LogWarning("Decomposition attempt {Attempt} of task {TaskId} was unusable: {Error}", attempt, taskId, error);
            messages.Add(new ModelMessage(ModelRole.Assistant, reply.Content));
            messages.Add(new ModelMessage(ModelRole.User, RetryTurn(error!)));
        }

        return new DecompositionOutcome(null, prompt.VersionId, MaxAttempts, $"The model's decomposition was unusable twice. Last reason: {error}", false)
        {
            Patterns = patterns,
            Cost = cost,
        };
    }

    /// <summary>The turn that sends an unusable reply back: the reader's reason quoted as it is, then what a usable answer looks like.</summary>
    public static string RetryTurn(string reason) =>
        $"That reply cannot be used: {reason}\n\nAnswer again with one JSON object that follows the {DecompositionSchema.Name} schema " +
        "(action \"execute\" or \"split\", reason, subtasks; each subtask's mode \"autonomous\", \"interactive\" or \"hybrid\"), and nothing else: " +
        "no text before or after it, no code fence.";

    private static string UserTurn(PlanTask task, string? guidance, Pattern? start)
    {
        var text = new StringBuilder();
        if (start is not null)
        {
            text.AppendLine("Start from this proven plan from the gallery and adapt it to the request below: keep its structure where it fits, ")
                .AppendLine("and change, add or drop subtasks where the new request differs. Write every objective for the new request.")
                .AppendLine()
                .Append(PatternExamples.Example(start, 1, adapt: true))
                .AppendLine("The request:");
        }

        if (!task.Objective.StartsWith(task.Title, StringComparison.Ordinal))
        {
            text.AppendLine(task.Title).AppendLine();
        }

        text.AppendLine(task.Objective);
        if (!string.IsNullOrWhiteSpace(guidance))
        {
            text.AppendLine().Append("Guidance from the person: ").AppendLine(guidance.Trim());
        }

        return text.ToString();
    }

    /// <summary>Where the task sits: its ancestors' titles and objectives, and its siblings' titles (never their transcripts).</summary>
    private static string Context(Plan plan, PlanTask task)
    {
        var text = new StringBuilder();
        foreach (var ancestor in plan.AncestorsOf(task.Id).Reverse())
        {
            text.Append("- Part of: ").Append(ancestor.Title).Append(" — ").AppendLine(Shorten(ancestor.Objective, 600));
        }

        if (task.ParentId is { } parentId)
        {
            var siblings = plan.ChildrenOf(parentId).Where(s => s.Id != task.Id).Select(s => s.Title).ToList();
            if (siblings.Count > 0)
            {
                text.Append("- Handled separately by sibling tasks: ").AppendLine(string.Join("; ", siblings));
            }
        }

        return text.Length == 0 ? "This is the whole request." : text.ToString();
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
