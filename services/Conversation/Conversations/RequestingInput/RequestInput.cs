namespace Orchestrator.Conversation.Conversations.RequestingInput;

/// <summary>A turn asks the person a question (the model called <c>request_human_input</c>); the task waits for the answer.</summary>
public sealed record RequestInput(Guid ConversationId, string Question, Guid? TurnId, DateTimeOffset At);

/// <summary>Whether a conversation starts waiting for the person's input; pure. The answer is a message (<see cref="PostingMessage.PostMessageDecision"/>).</summary>
public static class RequestInputDecision
{
    public static Decision Decide(Conversation? state, RequestInput command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return state is null
            ? Decision.NotFound($"Conversation {command.ConversationId} does not exist.")
            : Decision.Accept(new InputRequested(state.Id, state.TaskId, state.PlanId, command.Question, command.TurnId, command.At));
    }
}
