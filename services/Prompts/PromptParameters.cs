namespace Orchestrator.Prompts;

/// <summary>
/// Model parameters a prompt version was written for. Null means "the caller's default".
/// <paramref name="ResponseSchema"/> names a JSON schema the reply must follow (e.g. <see cref="DecompositionSchema.Name"/>).
/// </summary>
public sealed record PromptParameters(double? Temperature = null, int? MaxTokens = null, double? TopP = null, string? ResponseSchema = null)
{
    public static PromptParameters None { get; } = new();
}
