namespace Orchestrator.Prompts;

/// <summary>Settings of <see cref="IPromptClient"/>, under <c>Orchestrator:Prompts</c>.</summary>
public sealed class PromptClientOptions
{
    public const string SectionName = "Orchestrator:Prompts";

    /// <summary>Where PromptAnalytics answers; the default is its service-discovery name.</summary>
    public Uri BaseAddress { get; set; } = new("http://promptanalytics");

    /// <summary>How long a resolve may take before the built-in version is used instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a resolved version is reused for the same template and subject.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a failed resolve, how long every resolve uses the built-in version without calling the service.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}
