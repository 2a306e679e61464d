namespace Orchestrator.ModelAccess;

/// <summary>
/// A chat model behind whichever provider configuration names. Every call is measured (model,
/// tokens, latency) and reported; callers see provider failures as <see cref="ModelCallException"/>.
/// </summary>
public interface IChatModel
{
    /// <summary>Runs one turn and returns the whole reply.</summary>
    Task<ModelReply> CompleteAsync(ModelRequest request, CancellationToken cancellationToken);

    /// <summary>Runs one turn and yields the reply as it is generated, ending with <see cref="Completed"/>.</summary>
    IAsyncEnumerable<ModelStreamUpdate> StreamAsync(ModelRequest request, CancellationToken cancellationToken);
}

public enum ModelRole
{
    System,
    User,
    Assistant,
}

public sealed record ModelMessage(ModelRole Role, string Content);

/// <summary>One model turn: the messages sent, and what the call is for (tags its measurements).</summary>
public sealed record ModelRequest(IReadOnlyList<ModelMessage> Messages)
{
    /// <summary>decompose | execute | aggregate | chat | recap.</summary>
    public string Purpose { get; init; } = ModelPurposes.Chat;

    public string? PromptName { get; init; }

    public string? PromptVersionId { get; init; }

    /// <summary>The plan the call works for, for analytics.</summary>
    public Guid? Subject { get; init; }

    /// <summary>Asks for structured JSON output that follows this schema.</summary>
    public ResponseSchema? ResponseSchema { get; init; }

    /// <summary>Offers the model the <c>request_human_input</c> tool (hybrid turns).</summary>
    public bool AllowInputRequest { get; init; }

    /// <summary>Offers the model the <c>propose_completion</c> tool (autonomous turns).</summary>
    public bool AllowCompletionProposal { get; init; }

    /// <summary>Offers the model the <c>propose_subtasks</c> tool (chats with a person).</summary>
    public bool AllowSubtaskProposal { get; init; }

    public double? Temperature { get; init; }

    public int? MaxOutputTokens { get; init; }
}

/// <summary>A JSON schema the reply must follow. <see cref="Strict"/> asks providers that support it to enforce the schema exactly.</summary>
public sealed record ResponseSchema(string Name, string JsonSchema)
{
    public bool Strict { get; init; }
}

public sealed record ModelUsage(string Model, int PromptTokens, int CompletionTokens, TimeSpan Latency)
{
    /// <summary>True when the provider reported no usage and the tokens were counted locally.</summary>
    public bool Counted { get; init; }
}

/// <summary>The model's reply; <see cref="InputRequest"/> is set when it asked the person a question instead of finishing.</summary>
public sealed record ModelReply(string Content, ModelUsage Usage, HumanInputRequest? InputRequest)
{
    /// <summary>The model called <c>propose_completion</c>: it considers the task done.</summary>
    public bool CompletionProposed { get; init; }
}

public sealed record HumanInputRequest(string Question);

/// <summary>The provider in use, safe to show anywhere: it never holds a key or an endpoint.</summary>
public sealed record ModelProviderInfo(string Provider, string Model, bool Simulated)
{
    public int ContextWindow { get; init; }

    /// <summary>True when the price table names the configured model, so its calls show what they cost (never for the simulator).</summary>
    public bool Priced { get; init; }
}

/// <summary>The purposes model calls are tagged with.</summary>
public static class ModelPurposes
{
    public const string Decompose = "decompose";
    public const string Execute = "execute";
    public const string Aggregate = "aggregate";
    public const string Chat = "chat";
    public const string Recap = "recap";
}

/// <summary>The tools a model may be offered; their calls come back as structured signals, never parsed from prose.</summary>
public static class ModelTools
{
    public const string RequestHumanInput = "request_human_input";
    public const string ProposeCompletion = "propose_completion";
    public const string ProposeSubtasks = "propose_subtasks";
}
