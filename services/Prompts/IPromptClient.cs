namespace Orchestrator.Prompts;

/// <summary>Finds which prompt version a subject should use and renders it.</summary>
public interface IPromptClient
{
    /// <summary>
    /// The version of template <paramref name="name"/> for <paramref name="subject"/> (a plan id): the production
    /// version, or the variant a running experiment assigned (sticky). Never throws for an unreachable service:
    /// falls back to the built-in version instead.
    /// </summary>
    Task<ResolvedPrompt> ResolveAsync(string name, Guid subject, CancellationToken cancellationToken);

    /// <summary>Renders <paramref name="prompt"/> with <paramref name="arguments"/> (Semantic Kernel template syntax, <c>{{$name}}</c>).</summary>
    Task<string> RenderAsync(ResolvedPrompt prompt, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken);
}
