using System.Collections.Immutable;

namespace Orchestrator.PromptAnalytics.Subjects;

/// <summary>A subject (a plan) entered the system; its outcomes will be scored against the prompt versions it used.</summary>
public sealed record SubjectRegistered(Guid SubjectId, string Kind, string Title, DateTimeOffset At);

/// <summary>Everything PromptAnalytics knows of one subject.</summary>
public sealed record Subject(Guid Id, string Kind, string Title, DateTimeOffset RegisteredAt, ImmutableList<string> Timeline);

/// <summary>How each domain event changes a subject.</summary>
public static class SubjectEvolution
{
    public static Subject? Evolve(Subject? state, object @event) => @event switch
    {
        SubjectRegistered e => state ?? new Subject(e.SubjectId, e.Kind, e.Title, e.At, ["registered"]),
        _ => state,
    };
}
