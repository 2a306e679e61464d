namespace Orchestrator.Planner.Plans;

/// <summary>A person described something big; the plan starts with one root task holding the request.</summary>
public sealed record PlanCreated(Guid PlanId, string Title, string Request, Guid RootTaskId, Guid RootConversationId, DateTimeOffset At);
