using Orchestrator.Planner.Patterns;

namespace Orchestrator.Planner.Plans;

/// <summary>Every event of a plan stream names its plan and when it happened.</summary>
public interface IPlanEvent
{
    Guid PlanId { get; }

    DateTimeOffset At { get; }
}

/// <summary>
/// A person described something big; the plan starts with one root task holding the request. <paramref name="PatternId"/>
/// names the gallery pattern the person chose to start from: the root's decomposition adapts it to the request.
/// </summary>
public sealed record PlanCreated(Guid PlanId, string Title, string Request, Guid RootTaskId, Guid RootConversationId, DateTimeOffset At, Guid? PatternId = null) : IPlanEvent;

/// <summary>Where a task came from.</summary>
public enum TaskOrigin
{
    Manual,
    Decomposition,
    Clone,

    /// <summary>Accepted from a proposal the model made in a task's conversation.</summary>
    Conversation,
}

/// <summary>A task joined the tree under <paramref name="ParentId"/> at position <paramref name="Order"/>.</summary>
public sealed record TaskAdded(
    Guid PlanId,
    Guid TaskId,
    Guid ParentId,
    string Title,
    string Objective,
    TaskMode Mode,
    IReadOnlyList<Guid> DependsOn,
    IReadOnlyList<string> ExpectedOutputs,
    int Order,
    Guid ConversationId,
    TaskOrigin Origin,
    DateTimeOffset At) : IPlanEvent;

/// <summary>
/// A running task got subtasks: it stops running itself and, like any parent, waits for its subtasks and completes
/// with their combined results. A report of its own run that arrives later changes nothing.
/// </summary>
public sealed record TaskWaitingForSubtasks(Guid PlanId, Guid TaskId, DateTimeOffset At) : IPlanEvent;

/// <summary>The person changed a task; every field carries its new value.</summary>
public sealed record TaskEdited(
    Guid PlanId,
    Guid TaskId,
    string Title,
    string Objective,
    TaskMode Mode,
    IReadOnlyList<Guid> DependsOn,
    IReadOnlyList<string> ExpectedOutputs,
    DateTimeOffset At,
    Guid ConversationId = default,
    Guid? ParentId = null) : IPlanEvent;

/// <summary>A task moved under <paramref name="ParentId"/> at <paramref name="Index"/> among its new siblings.</summary>
public sealed record TaskMoved(Guid PlanId, Guid TaskId, Guid ParentId, int Index, DateTimeOffset At) : IPlanEvent;

/// <summary>A task and everything below it left the tree; dependencies on them were dropped.</summary>
public sealed record SubtreeDeleted(Guid PlanId, Guid TaskId, IReadOnlyList<Guid> RemovedTaskIds, DateTimeOffset At) : IPlanEvent;

/// <summary>
/// The model proposed subtasks for a task (they follow as <see cref="TaskAdded"/> events) or chose to execute it directly.
/// <paramref name="Repairs"/> keeps what the reader fixed in the model's reply, so an audit sees the reply was not taken as written.
/// </summary>
public sealed record DecompositionProposed(
    Guid PlanId,
    Guid TaskId,
    string Action,
    string Reason,
    string PromptVersionId,
    int Subtasks,
    int Attempts,
    DateTimeOffset At,
    IReadOnlyList<string>? Repairs = null,
    IReadOnlyList<PatternRef>? Patterns = null) : IPlanEvent;

/// <summary>
/// Model calls made for a task outside its runs (whose cost comes with its completion): decomposing it (<c>decompose</c>),
/// a reply in its chat with the person (<c>chat</c>) or a recap of that chat (<c>recap</c>); <paramref name="CallId"/> is the
/// call's own id when one is known (a chat reply's message, a recap's id), for the audit.
/// </summary>
public sealed record TaskCallsCosted(Guid PlanId, Guid TaskId, string Purpose, long Tokens, decimal CostUsd, DateTimeOffset At, Guid? CallId = null) : IPlanEvent;

/// <summary>The person discarded the proposed subtasks (they follow as <see cref="SubtreeDeleted"/> events).</summary>
public sealed record DecompositionDiscarded(Guid PlanId, Guid TaskId, string Reason, DateTimeOffset At, string? PromptVersionId = null) : IPlanEvent;

/// <summary>The person approved the plan; execution starts.</summary>
public sealed record PlanApproved(Guid PlanId, int EditsBeforeApproval, DateTimeOffset At, string? DecompositionPromptVersionId = null) : IPlanEvent;

/// <summary>
/// Every dependency of the task is complete: it may run, with exactly these inputs. The brief and
/// inputs are recorded so an audit shows what each task was given.
/// </summary>
public sealed record TaskReadied(
    Guid PlanId,
    Guid TaskId,
    int Attempt,
    string Title,
    string Brief,
    TaskMode Mode,
    IReadOnlyList<string> ExpectedOutputs,
    IReadOnlyList<ReadiedInput> Inputs,
    Guid ConversationId,
    DateTimeOffset At) : IPlanEvent;

/// <summary>One input handed to a readied task.</summary>
public sealed record ReadiedInput(Guid TaskId, string Title, string Content, string Source);

/// <summary>The Executor started the task; an interactive one waits for the person.</summary>
public sealed record TaskStarted(Guid PlanId, Guid TaskId, int Attempt, bool WaitingForPerson, DateTimeOffset At) : IPlanEvent;

/// <summary>A hybrid task asked the person a question.</summary>
public sealed record TaskAwaitingInput(Guid PlanId, Guid TaskId, string Question, DateTimeOffset At) : IPlanEvent;

/// <summary>The person answered; the task runs again.</summary>
public sealed record TaskResumed(Guid PlanId, Guid TaskId, DateTimeOffset At) : IPlanEvent;

/// <summary>
/// The task produced its result (for a parent: the aggregate of its children's results), with the tokens its model calls used
/// and what they cost in US dollars (for a parent: its own aggregation call; its subtasks' costs are their own).
/// </summary>
public sealed record TaskCompleted(Guid PlanId, Guid TaskId, string Summary, string Result, DateTimeOffset At, long Tokens = 0, decimal CostUsd = 0m) : IPlanEvent;

/// <summary>
/// Every subtask of the task has completed: their results are to be combined into its result, which a
/// <see cref="TaskCompleted"/> (or a <see cref="TaskFailed"/>) of the task records. Recorded once each time the task comes to wait for it.
/// </summary>
public sealed record AggregationRequested(Guid PlanId, Guid TaskId, DateTimeOffset At) : IPlanEvent;

/// <summary>
/// What a completed task produced, as named artifacts: the whole result as a document, and each code block or document
/// in it. Recorded with the result, so a retried task's new result replaces them; ids are derived from the task and position.
/// </summary>
public sealed record ArtifactsRecorded(Guid PlanId, Guid TaskId, IReadOnlyList<RecordedArtifact> Artifacts, DateTimeOffset At) : IPlanEvent;

/// <summary>
/// One artifact as extracted from a result: <paramref name="Start"/> and <paramref name="Length"/> locate its content in
/// the result (the whole result for the result document), so an edit can take the original's place in the task's output.
/// </summary>
public sealed record RecordedArtifact(Guid ArtifactId, string Name, string Kind, string? Language, string Content, int Start, int Length);

/// <summary>The person edited an artifact: <paramref name="Content"/> is its new text at <paramref name="Version"/>.</summary>
public sealed record ArtifactEdited(Guid PlanId, Guid TaskId, Guid ArtifactId, int Version, string Content, DateTimeOffset At) : IPlanEvent;

/// <summary>The task failed after its retries, with the tokens its model turns used and what they cost until then.</summary>
public sealed record TaskFailed(Guid PlanId, Guid TaskId, string Reason, DateTimeOffset At, long Tokens = 0, decimal CostUsd = 0m) : IPlanEvent;

/// <summary>A child failed: the parent needs the person's attention.</summary>
public sealed record TaskNeedsAttention(Guid PlanId, Guid TaskId, Guid FailedChildId, string Reason, DateTimeOffset At) : IPlanEvent;

/// <summary>The person asked to run a failed task again.</summary>
public sealed record TaskRetried(Guid PlanId, Guid TaskId, DateTimeOffset At) : IPlanEvent;

/// <summary>The task was stopped.</summary>
public sealed record TaskCancelled(Guid PlanId, Guid TaskId, string Reason, DateTimeOffset At) : IPlanEvent;

/// <summary>The plan reached a final status; <paramref name="Clean"/> when it completed with no failed or retried task.</summary>
public sealed record PlanFinished(Guid PlanId, PlanStatus Status, DateTimeOffset At, string? DecompositionPromptVersionId = null, bool Clean = false) : IPlanEvent
{
    public static PlanFinished Of(Plan plan, PlanStatus status, DateTimeOffset now) =>
        new(plan.Id, status, now, plan.DecompositionPromptVersionId, PlanSuccess.IsClean(plan, status));
}

/// <summary>
/// The person's verdict on a finished plan, 1 to 5. <paramref name="FinishedClean"/> and <paramref name="PreviousScore"/> say what the
/// verdict changes: a low score turns a clean finish into a plan that did not succeed.
/// </summary>
public sealed record PlanRated(Guid PlanId, int Score, string? Comment, bool FinishedClean, int? PreviousScore, DateTimeOffset At, string? DecompositionPromptVersionId = null) : IPlanEvent;
