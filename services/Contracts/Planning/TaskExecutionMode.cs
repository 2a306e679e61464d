namespace Orchestrator.Contracts.Planning;

/// <summary>How a task runs: with a person, alone, or alone until it needs a person.</summary>
public enum TaskExecutionMode
{
    Interactive,
    Autonomous,
    Hybrid,
}
