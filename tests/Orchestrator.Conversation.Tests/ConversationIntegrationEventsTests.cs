using JasperFx.Events;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Conversation.Conversations;
using Orchestrator.Conversation.Messaging;
using Orchestrator.ModelAccess;
using static Orchestrator.Conversation.Tests.ConversationGiven;

namespace Orchestrator.Conversation.Tests;

/// <summary>What other services hear of a conversation's model calls: what each call outside the Executor's turns cost.</summary>
public sealed class ConversationIntegrationEventsTests
{
    private static readonly ConversationIntegrationEvents Map = new();
    private static readonly Guid Task = Guid.NewGuid();
    private static readonly Guid Plan = Guid.NewGuid();

    private static object? Heard(object data) => Map.Map(new Event<object>(data));

    [Fact]
    public void A_reply_in_the_chat_with_the_person_is_heard_with_its_tokens_and_cost_for_its_task()
    {
        var reply = Replied(Guid.NewGuid(), "Rhine, Danube") with { CostUsd = 0.004m, TaskId = Task, PlanId = Plan };

        var costed = Assert.IsType<ConversationCallCostedIntegrationEvent>(Heard(reply));

        Assert.Equal((reply.MessageId, reply.ConversationId, Task, Plan, ModelPurposes.Chat), (costed.CallId, costed.ConversationId, costed.TaskId, costed.PlanId, costed.Purpose));
        Assert.Equal((reply.PromptTokens, reply.CompletionTokens, 0.004m), (costed.PromptTokens, costed.CompletionTokens, costed.CostUsd));
    }

    [Fact]
    public void A_reply_in_an_autonomous_turn_is_not_heard_here_for_its_cost_comes_with_the_turn()
    {
        var reply = Replied(Guid.NewGuid(), "Done.") with { TurnId = Guid.NewGuid(), CostUsd = 0.004m, TaskId = Task, PlanId = Plan };

        Assert.Null(Heard(reply));
    }

    [Fact]
    public void A_reply_recorded_before_replies_named_their_task_is_not_heard()
    {
        Assert.Null(Heard(Replied(Guid.NewGuid(), "Old reply.")));
    }

    [Fact]
    public void A_recap_is_heard_with_its_own_call_once_whichever_instance_maps_it()
    {
        var conversation = Guid.NewGuid();
        var through = Guid.NewGuid();
        var recap = new ConversationRecapped(conversation, "Summary.", through, 6, 9_000, 900, Now)
        {
            PromptTokens = 9_000,
            CompletionTokens = 120,
            CostUsd = 0.00924m,
            TaskId = Task,
            PlanId = Plan,
        };

        var costed = Assert.IsType<ConversationCallCostedIntegrationEvent>(Heard(recap));
        var again = Assert.IsType<ConversationCallCostedIntegrationEvent>(Heard(recap with { }));

        Assert.Equal((ModelPurposes.Recap, 9_000, 120, 0.00924m, Task, Plan), (costed.Purpose, costed.PromptTokens, costed.CompletionTokens, costed.CostUsd, costed.TaskId, costed.PlanId));
        Assert.Equal(costed.CallId, again.CallId);
        Assert.NotEqual(costed.CallId, Assert.IsType<ConversationCallCostedIntegrationEvent>(Heard(recap with { ThroughMessageId = Guid.NewGuid() })).CallId);
    }
}
