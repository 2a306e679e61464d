using Orchestrator.ModelAccess;
using Orchestrator.Prompts;

namespace Orchestrator.Conversation.Conversations.Context;

/// <summary>A turn ready to send: the request, and the recap events produced while preparing it (to append with the turn).</summary>
public sealed record PreparedTurn(Conversation Conversation, ModelRequest Request, IReadOnlyList<object> Events);

/// <summary>
/// Prepares a turn's model request: resolves the task's prompt template (sticky per plan, built-in when
/// PromptAnalytics is unreachable), renders it with the brief and declared inputs, and recaps older
/// turns first when the context nears the model's window.
/// </summary>
public sealed class ConversationTurns(
    IPromptClient prompts, IChatModel model, ITokenCounter tokens, ModelProviderInfo provider, ModelPricing pricing, TimeProvider clock,
    ILogger<ConversationTurns> logger)
{
    public async Task<PreparedTurn> PrepareAsync(Conversation conversation, TurnKind kind, CancellationToken cancellationToken)
    {
        var prompt = await prompts.ResolveAsync(kind == TurnKind.Chat ? PromptNames.Chat : PromptNames.Execute, conversation.PlanId, cancellationToken);
        var system = await prompts.RenderAsync(prompt, ModelContext.TemplateArguments(conversation), cancellationToken);
        var messages = ModelContext.Messages(conversation, system);
        var events = new List<object>();
        if (ModelContext.PlanRecap(conversation, messages, tokens, provider.ContextWindow) is { } plan
            && await RecapAsync(conversation, plan, cancellationToken) is { } recapped)
        {
            conversation = ConversationEvolution.Evolve(conversation, recapped)!;
            messages = ModelContext.Messages(conversation, system);
            events.Add(recapped with { TokensAfter = tokens.Count(messages) });
        }

        var request = new ModelRequest(messages)
        {
            Purpose = kind == TurnKind.Chat ? ModelPurposes.Chat : ModelPurposes.Execute,
            PromptName = prompt.Name,
            PromptVersionId = prompt.VersionId,
            Subject = conversation.PlanId,
            Temperature = prompt.Parameters.Temperature,
            MaxOutputTokens = prompt.Parameters.MaxTokens,
            AllowSubtaskProposal = OffersSplit(conversation, kind),
        };
        return new PreparedTurn(conversation, request, events);
    }

    /// <summary>
    /// A chat with the person may propose child chats, in an interactive or hybrid task and in the plan's root; an autonomous
    /// task's turns run without the person, who would not be there to accept.
    /// </summary>
    public static bool OffersSplit(Conversation conversation, TurnKind kind) =>
        kind == TurnKind.Chat && (conversation.Mode != Orchestrator.Contracts.Planning.TaskExecutionMode.Autonomous || conversation.ParentId is null);

    /// <summary>Summarises the planned messages with a <c>recap</c> model call; on failure the turn goes on with the full context rather than cutting it.</summary>
    private async Task<ConversationRecapped?> RecapAsync(Conversation conversation, RecapPlan plan, CancellationToken cancellationToken)
    {
        var prompt = await prompts.ResolveAsync(PromptNames.Recap, conversation.PlanId, cancellationToken);
        var arguments = new Dictionary<string, object?>(ModelContext.TemplateArguments(conversation))
        {
            ["transcript"] = ModelContext.Transcript(conversation, plan),
        };
        var text = await prompts.RenderAsync(prompt, arguments, cancellationToken);
        try
        {
            var reply = await model.CompleteAsync(
                new ModelRequest([new ModelMessage(ModelRole.System, ModelContext.RecapInstruction), new ModelMessage(ModelRole.User, text)])
                {
                    Purpose = ModelPurposes.Recap,
                    PromptName = prompt.Name,
                    PromptVersionId = prompt.VersionId,
                    Subject = conversation.PlanId,
                    Temperature = prompt.Parameters.Temperature,
                },
                cancellationToken);
            return new ConversationRecapped(conversation.Id, reply.Content, plan.ThroughMessageId, plan.ToSummarise.Count, plan.TokensBefore, 0, clock.GetUtcNow())
            {
                PromptTokens = reply.Usage.PromptTokens,
                CompletionTokens = reply.Usage.CompletionTokens,
                CostUsd = pricing.Cost(reply.Usage),
                TaskId = conversation.TaskId,
                PlanId = conversation.PlanId,
            };
        }
        catch (ModelCallException ex)
        {
            logger.LogWarning("Recap of conversation {ConversationId} failed ({Reason}); the turn uses the full context", conversation.Id, ex.Message);
            return null;
        }
    }
}
