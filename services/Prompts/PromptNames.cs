namespace Orchestrator.Prompts;

/// <summary>The purposes a prompt template serves; each is one template in the library.</summary>
public static class PromptNames
{
    /// <summary>Split a request into subtasks, or decide to execute it directly.</summary>
    public const string Decompose = "decompose";

    /// <summary>Carry out one task from its consolidated brief.</summary>
    public const string Execute = "execute";

    /// <summary>Combine the results of a task's children into the parent's result.</summary>
    public const string Aggregate = "aggregate";

    /// <summary>The system prompt of a task's conversation with a person.</summary>
    public const string Chat = "chat";

    /// <summary>Sum up a finished conversation as the task's result.</summary>
    public const string Recap = "recap";

    public static IReadOnlyList<string> All { get; } = [Decompose, Execute, Aggregate, Chat, Recap];
}
