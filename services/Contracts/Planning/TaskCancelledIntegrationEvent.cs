namespace Orchestrator.Contracts.Planning;

/// <summary>The task must stop: its running turns end and nothing new starts for it.</summary>
public sealed record TaskCancelledIntegrationEvent(Guid PlanId, Guid TaskId, string Reason, DateTimeOffset At);
