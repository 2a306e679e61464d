namespace Orchestrator.PromptAnalytics;

/// <summary>Settings under <c>Orchestrator:PromptAnalytics</c>: the defaults of a new experiment's decision rule.</summary>
public sealed class PromptAnalyticsSettings
{
    public const string SectionName = "Orchestrator:PromptAnalytics";

    /// <summary>Outcomes every variant needs before a winner can be declared.</summary>
    public int MinimumSample { get; set; } = 200;

    /// <summary>Family-wise significance level of the two-proportion tests that declare a winner.</summary>
    public double Significance { get; set; } = 0.05;
}
