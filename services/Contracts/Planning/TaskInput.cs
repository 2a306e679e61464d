namespace Orchestrator.Contracts.Planning;

/// <summary>
/// One declared input of a task: the result of a dependency, of a child (for its parent), or what the
/// parent passed down. Never a transcript.
/// </summary>
public sealed record TaskInput(Guid TaskId, string Title, string Content, TaskInputSource Source);

public enum TaskInputSource
{
    Dependency,
    Parent,
    Child,
}
