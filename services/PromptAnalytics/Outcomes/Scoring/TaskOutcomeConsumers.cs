using Marten;
using Orchestrator.Contracts.Execution;
using Orchestrator.Contracts.Prompts;
using Orchestrator.PromptAnalytics.Library;
using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.Outcomes.Scoring;

/// <summary>A completed task: a success on <see cref="OutcomeMetrics.TaskSuccess"/>; value: its retries.</summary>
public sealed class TaskCompletedConsumer(IDocumentStore store, ILogger<TaskCompletedConsumer> logger) : OutcomeConsumer<TaskCompletedIntegrationEvent>(store, logger)
{
    public override IEnumerable<Observation> Observe(TaskCompletedIntegrationEvent message, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        yield return new Observation(messageId, message.PlanId, PromptOf(message.PromptVersionId), message.PromptVersionId,
            OutcomeMetrics.TaskSuccess, true, Math.Max(0, message.Attempts - 1), null, null, "task-completed", message.At);
    }

    /// <summary>Tasks run the execute template unless their version id names another.</summary>
    internal static string PromptOf(string? versionId) => versionId is null ? PromptNames.Execute : TemplateIds.TemplateOf(versionId) ?? PromptNames.Execute;
}

/// <summary>A task that failed after its retries: a failure on <see cref="OutcomeMetrics.TaskSuccess"/>; value: its retries.</summary>
public sealed class TaskFailedConsumer(IDocumentStore store, ILogger<TaskFailedConsumer> logger) : OutcomeConsumer<TaskFailedIntegrationEvent>(store, logger)
{
    public override IEnumerable<Observation> Observe(TaskFailedIntegrationEvent message, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        yield return new Observation(messageId, message.PlanId, TaskCompletedConsumer.PromptOf(message.PromptVersionId), message.PromptVersionId,
            OutcomeMetrics.TaskSuccess, false, Math.Max(0, message.Attempts - 1), null, null, "task-failed", message.At);
    }
}

/// <summary>One model call: tokens, latency and cost for its prompt version, and a success on <see cref="OutcomeMetrics.ModelCall"/> when it answered.</summary>
public sealed class ModelCallRecordedConsumer(IDocumentStore store, ILogger<ModelCallRecordedConsumer> logger) : OutcomeConsumer<ModelCallRecordedIntegrationEvent>(store, logger)
{
    public override IEnumerable<Observation> Observe(ModelCallRecordedIntegrationEvent message, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.PromptVersionId is null && message.PromptName is null)
        {
            yield break;
        }

        yield return new Observation(messageId, message.Subject, message.PromptName, message.PromptVersionId,
            OutcomeMetrics.ModelCall, message.Succeeded, null, message.PromptTokens + message.CompletionTokens, message.LatencyMs, "model-call", message.At, CostUsd: message.CostUsd);
    }
}
