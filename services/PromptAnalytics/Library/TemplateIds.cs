namespace Orchestrator.PromptAnalytics.Library;

/// <summary>Stream ids and version ids of the library, derived from names so every instance agrees without a lookup.</summary>
public static class TemplateIds
{
    /// <summary>The stream id of template <paramref name="name"/>.</summary>
    public static Guid For(string name) => DeterministicGuid.From("prompt-template/" + name);

    /// <summary>A version's id: the template's name and the version's number, e.g. <c>decompose:2</c>.</summary>
    public static string VersionId(string name, int number) => $"{name}:{number}";

    /// <summary>
    /// The template a version id belongs to: <c>decompose:2</c> and the built-in alias <c>builtin:decompose:1</c>
    /// both name <c>decompose</c>. Null when the id has neither shape.
    /// </summary>
    public static string? TemplateOf(string versionId)
    {
        ArgumentNullException.ThrowIfNull(versionId);
        var id = versionId.StartsWith(Orchestrator.Prompts.BuiltInPrompts.VersionIdPrefix, StringComparison.Ordinal)
            ? versionId[Orchestrator.Prompts.BuiltInPrompts.VersionIdPrefix.Length..]
            : versionId;
        var colon = id.LastIndexOf(':');
        return colon > 0 && int.TryParse(id.AsSpan(colon + 1), out var number) && number > 0 ? id[..colon] : null;
    }
}
