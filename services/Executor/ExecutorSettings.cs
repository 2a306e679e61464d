using System.ComponentModel.DataAnnotations;

namespace Orchestrator.Executor;

/// <summary>Settings under <c>Orchestrator:Executor</c>.</summary>
public sealed class ExecutorSettings
{
    public const string SectionName = "Orchestrator:Executor";

    /// <summary>Executions driving turns at the same time, across every instance.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>Executions of one plan driving turns at the same time.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrencyPerPlan { get; set; } = 8;

    /// <summary>Turns an autonomous or hybrid attempt may take before it completes with what it has.</summary>
    [Range(1, 1_000)]
    public int MaxTurns { get; set; } = 4;

    /// <summary>Retries of a turn that failed transiently before the task fails.</summary>
    [Range(0, 100)]
    public int MaxTurnRetries { get; set; } = 3;

    /// <summary>First backoff after a transient turn failure; doubles with each retry, plus up to 50% jitter.</summary>
    public TimeSpan TurnRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a requested turn may stay unanswered before it is requested again (crash recovery).</summary>
    public TimeSpan TurnLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an attempt may run (not counting time waiting for a person) before it fails.</summary>
    public TimeSpan TaskTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the scheduler looks for queued executions, due retries, expired leases and timeouts.</summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether this instance competes to be the scheduler (one instance at a time holds a PostgreSQL advisory lock).</summary>
    public bool RunScheduler { get; set; } = true;

    /// <summary>The Conversation service's queue for <c>RunConversationTurn</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ConversationTurnQueue { get; set; } = "conversation-run-conversation-turn";
}
