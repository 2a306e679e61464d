using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.Outcomes;

/// <summary>The success metrics outcomes are scored on; an experiment decides on one of them.</summary>
public static class OutcomeMetrics
{
    /// <summary>A proposed decomposition was approved without edits (success) or edited/rejected (failure); value: edits.</summary>
    public const string Approval = "approval";

    /// <summary>A plan finished completed (success) or failed/cancelled (failure).</summary>
    public const string Completion = "completion";

    /// <summary>A task completed (success) or failed after its retries (failure); value: retries.</summary>
    public const string TaskSuccess = "task-success";

    /// <summary>A model call succeeded; carries tokens and latency.</summary>
    public const string ModelCall = "model-call";

    /// <summary>A person's thumbs up (success) or down (failure), or their rating of a plan (4 or 5 is a success; value: the score).</summary>
    public const string Rating = "rating";

    /// <summary>
    /// A plan succeeded: it completed with no failed or retried task, and the person did not rate it 1 or 2. Scored when the plan
    /// finishes; a rating that changes the verdict later revises that outcome.
    /// </summary>
    public const string PlanSuccess = "plan-success";

    public static IReadOnlyList<string> Known { get; } = [Approval, Completion, TaskSuccess, ModelCall, Rating, PlanSuccess];

    /// <summary>Metric names: lower-case words joined by hyphens, so custom metrics from outside fit in.</summary>
    public static bool IsValidName(string? metric) =>
        metric is { Length: > 0 and <= 64 } && metric.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && metric[0] != '-' && metric[^1] != '-';

    /// <summary>The metric an experiment on <paramref name="prompt"/> decides on when none is named.</summary>
    public static string DefaultFor(string prompt) => prompt switch
    {
        PromptNames.Decompose => Approval,
        PromptNames.Execute => TaskSuccess,
        _ => Rating,
    };
}
