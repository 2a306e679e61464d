namespace Orchestrator.Eventing;

/// <summary>Why a decision refused a command, in the domain's words; the HTTP edge maps each kind to a status.</summary>
public enum Refusal
{
    /// <summary>The command itself is wrong: a missing field, a rule of the model broken.</summary>
    Invalid,

    /// <summary>What the command names does not exist.</summary>
    NotFound,

    /// <summary>The command does not fit the current state (already done, someone else moved first).</summary>
    Conflict,
}

/// <summary>Why a command was refused: the kind of refusal, a short title and a detail that says what to do.</summary>
public sealed record DecisionProblem(Refusal Kind, string Title, string Detail);

/// <summary>
/// The outcome of a pure decision over a stream's state: the events to append, or the problem that refused the
/// command. Every service decides with this one type; nothing in it knows about HTTP.
/// </summary>
public sealed record Decision(IReadOnlyList<object> Events, DecisionProblem? Problem)
{
    /// <summary>Accepted, with nothing to append (a repeated command, a change to the same value).</summary>
    public static Decision Unchanged { get; } = new([], null);

    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Invalid(string detail, string title = "Invalid request") => new([], new DecisionProblem(Refusal.Invalid, title, detail));

    public static Decision NotFound(string detail, string title = "Not found") => new([], new DecisionProblem(Refusal.NotFound, title, detail));

    public static Decision Conflict(string detail, string title = "Conflict") => new([], new DecisionProblem(Refusal.Conflict, title, detail));
}
