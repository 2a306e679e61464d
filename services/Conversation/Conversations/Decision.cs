using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Conversation.Conversations;

/// <summary>Why a command was refused, mapped to a problem-details status.</summary>
public sealed record DecisionProblem(int Status, string Title, string Detail)
{
    public ProblemHttpResult ToResult() => TypedResults.Problem(Detail, statusCode: Status, title: Title);
}

/// <summary>The outcome of a pure decision: the events to append, or the problem that refused it.</summary>
public sealed record Decision(IReadOnlyList<object> Events, DecisionProblem? Problem)
{
    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Invalid(string detail) => new([], new DecisionProblem(StatusCodes.Status400BadRequest, "Invalid request", detail));

    public static Decision NotFound(string detail) => new([], new DecisionProblem(StatusCodes.Status404NotFound, "Not found", detail));

    public static Decision Conflict(string detail) => new([], new DecisionProblem(StatusCodes.Status409Conflict, "Conflict", detail));
}
