using System.ComponentModel.DataAnnotations;

namespace Orchestrator.PromptAnalytics;

/// <summary>Settings under <c>Orchestrator:PromptAnalytics</c>: the defaults of a new experiment's decision rule.</summary>
public sealed class PromptAnalyticsSettings
{
    public const string SectionName = "Orchestrator:PromptAnalytics";

    /// <summary>Outcomes every variant needs before a winner can be declared.</summary>
    [Range(1, 10_000_000)]
    public int MinimumSample { get; set; } = 200;

    /// <summary>Family-wise significance level of the two-proportion tests that declare a winner.</summary>
    [Range(0.000001, 0.5)]
    public double Significance { get; set; } = 0.05;
}
