namespace Orchestrator.Planner.Plans;

/// <summary>A task as the API shows it.</summary>
public sealed record TaskView(
    Guid Id,
    Guid? ParentId,
    string Title,
    string Objective,
    TaskMode Mode,
    TaskStatus Status,
    IReadOnlyList<Guid> DependsOn,
    int Order,
    Guid ConversationId,
    string? Result)
{
    public static TaskView From(PlanTask t) =>
        new(t.Id, t.ParentId, t.Title, t.Objective, t.Mode, t.Status, t.DependsOn, t.Order, t.ConversationId, t.Result);
}

/// <summary>A plan as the API shows it: tasks as a flat list, the tree by parentId.</summary>
public sealed record PlanView(
    Guid Id,
    string Title,
    string Request,
    PlanStatus Status,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TaskView> Tasks)
{
    public static PlanView From(Plan p) =>
        new(p.Id, p.Title, p.Request, p.Status, p.Version, p.CreatedAt, p.UpdatedAt, p.Tasks.Select(TaskView.From).ToList());
}

/// <summary>One line of the plan list.</summary>
public sealed record PlanSummary(Guid Id, string Title, PlanStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
