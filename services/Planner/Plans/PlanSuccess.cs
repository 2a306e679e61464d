namespace Orchestrator.Planner.Plans;

/// <summary>
/// Whether a plan succeeded, as the gallery and the patterns experiment count it: it completed, every task completed on
/// its first run (none failed or was retried), and the person, when they rated it, did not rate it low.
/// </summary>
public static class PlanSuccess
{
    /// <summary>A rating at or below this is the person saying the plan did not succeed.</summary>
    public const int NegativeRating = 2;

    public static bool Of(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return IsClean(plan, plan.Status) && plan.Rating is not { Score: <= NegativeRating };
    }

    /// <summary>Completed with no failed or retried task: the plan's own part of success, before any rating.</summary>
    public static bool IsClean(Plan plan, PlanStatus status)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return status == PlanStatus.Completed && plan.Tasks.All(t => t.Status == TaskStatus.Completed && t.Attempts <= 1);
    }
}
