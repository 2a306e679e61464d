namespace Orchestrator.Conversation.Conversations.RatingReply;

/// <summary>The person's thumbs on a reply: <c>up</c>, <c>down</c>, or null to clear it, as sent.</summary>
public sealed record RateReply(Guid ConversationId, Guid MessageId, string? Verdict, DateTimeOffset At);

/// <summary>Whether a verdict on a reply is recorded; pure.</summary>
public static class RateReplyDecision
{
    public static Decision Decide(Conversation? state, RateReply command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state is null)
        {
            return Decision.NotFound($"Conversation {command.ConversationId} does not exist.");
        }

        if (state.FindMessage(command.MessageId) is not { } message)
        {
            return Decision.NotFound($"Conversation {state.Id} has no message {command.MessageId}.");
        }

        if (!TryParse(command.Verdict, out var verdict))
        {
            return Decision.Invalid($"'verdict' is '{command.Verdict}': send \"up\", \"down\", or null to clear it.");
        }

        if (message.Role != MessageRole.Assistant)
        {
            return Decision.Invalid($"Message {message.Id} is not a reply: only the assistant's replies take a thumbs up or down.");
        }

        return message.Feedback == verdict
            ? Decision.Unchanged
            : Decision.Accept(new ReplyRated(state.Id, state.TaskId, state.PlanId, message.Id, verdict, message.CountedVerdict, message.PromptVersionId, command.At));
    }

    private static bool TryParse(string? text, out ReplyVerdict? verdict)
    {
        verdict = text switch
        {
            null => null,
            "up" => ReplyVerdict.Up,
            "down" => ReplyVerdict.Down,
            _ => (ReplyVerdict?)null,
        };
        return text is null or "up" or "down";
    }
}
