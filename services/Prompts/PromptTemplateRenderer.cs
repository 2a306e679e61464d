using Microsoft.SemanticKernel;

namespace Orchestrator.Prompts;

/// <summary>Renders template text with Semantic Kernel's prompt template engine (<c>{{$variable}}</c>, <c>{{function}}</c>).</summary>
public static class PromptTemplateRenderer
{
    private static readonly KernelPromptTemplateFactory Factory = new() { AllowDangerouslySetContent = true };
    private static readonly Kernel Kernel = new();

    /// <summary>Renders <paramref name="text"/>; variables missing from <paramref name="arguments"/> render as empty.</summary>
    public static async Task<string> RenderAsync(string text, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(arguments);

        // The rendered text becomes the content of one chat message and is never parsed as SK's chat-prompt XML,
        // so values are inserted verbatim: HTML-encoding them would corrupt code, JSON and quotes in requests.
        var config = new PromptTemplateConfig(text) { AllowDangerouslySetContent = true };
        var template = Factory.Create(config);
        var kernelArguments = new KernelArguments();
        foreach (var (key, value) in arguments)
        {
            kernelArguments[key] = value;
        }

        return await template.RenderAsync(Kernel, kernelArguments, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks that <paramref name="text"/> parses as a template; returns the parser's complaint, or null when it is valid.
    /// </summary>
    public static string? Validate(string text)
    {
        try
        {
            Factory.Create(new PromptTemplateConfig(text) { AllowDangerouslySetContent = true });
            return null;
        }
        catch (KernelException e)
        {
            return e.Message;
        }
    }
}
