using System.ComponentModel.DataAnnotations;

namespace Orchestrator.Planner;

/// <summary>Settings under <c>Orchestrator:Planner</c>.</summary>
public sealed class PlannerSettings
{
    public const string SectionName = "Orchestrator:Planner";

    /// <summary>How many levels below the root a decomposition may reach.</summary>
    [Range(1, 10)]
    public int MaxDepth { get; set; } = 3;

    /// <summary>The most tokens the gallery's worked examples may take in a decomposition prompt.</summary>
    [Range(0, 100_000)]
    public int PatternTokenBudget { get; set; } = 2_000;
}
