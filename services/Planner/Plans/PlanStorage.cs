using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Marten;

namespace Orchestrator.Planner.Plans;

/// <summary>
/// A plan's current state as documents: one <see cref="PlanDocument"/> for the plan and one <see cref="TaskDocument"/>
/// per task, written in the same transaction as the events. A write stores the plan's document and the tasks it
/// changed, nothing else, so its cost does not grow with the plan.
/// </summary>
/// <param name="Plan">The plan's state without its tasks (they are the <see cref="TaskDocument"/>s): every field of the plan
/// is kept by being a field of <see cref="Plans.Plan"/>, with nothing to copy. Null in a document written before the plan was
/// kept this way, which <see cref="PlanDocumentBackfill"/> writes again from the plan's events.</param>
public sealed record PlanDocument(Guid Id, Plan? Plan, int TaskCount, Guid Revision);

/// <summary>One task of a plan; its id is the plan's and the task's together.</summary>
public sealed record TaskDocument(string Id, Guid PlanId, PlanTask Task)
{
    public static string IdOf(Guid planId, Guid taskId) => $"{planId:N}/{taskId:N}";
}

/// <summary>Reads and records plans as <see cref="PlanDocument"/> and <see cref="TaskDocument"/>s.</summary>
public static class PlanStorage
{
    /// <summary>Declares the documents: tasks found by their plan through a column of their own.</summary>
    public static void Configure(StoreOptions options)
    {
        options.Schema.For<PlanDocument>();
        options.Schema.For<TaskDocument>().Duplicate(t => t.PlanId);
    }

    /// <summary>The plan as it stands, read in one round trip; null when it does not exist.</summary>
    public static async Task<Plan?> LoadAsync(IQuerySession session, Guid planId, CancellationToken ct) =>
        (await LoadWithRevisionAsync(session, planId, ct)).Plan;

    /// <summary>
    /// The plan as it stands, for the Planner's own work (writes, aggregation, the live stream): the one this process recorded
    /// or read last while the plan's document still carries that revision, for one small read; otherwise every task read
    /// again, and remembered. Null when the plan does not exist.
    /// </summary>
    public static async Task<Plan?> LoadLatestAsync(IQuerySession session, Guid planId, CancellationToken ct)
    {
        var cache = PlanStateCache.For(session.DocumentStore);
        if (await session.LoadAsync<PlanDocument>(planId, ct) is not { } current)
        {
            return null;
        }

        if (cache.Find(planId, current.Revision) is { } known)
        {
            return known;
        }

        var (plan, revision) = await LoadWithRevisionAsync(session, planId, ct);
        if (plan is not null)
        {
            cache.Remember(plan, revision);
        }

        return plan;
    }

    internal static async Task<(Plan? Plan, Guid Revision)> LoadWithRevisionAsync(IQuerySession session, Guid planId, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var header = batch.Load<PlanDocument>(planId);
        var tasks = batch.Query<TaskDocument>().Where(t => t.PlanId == planId).ToList();
        await batch.Execute(ct);
        return await header is { } plan ? (ToPlan(plan, await tasks), plan.Revision) : (null, Guid.Empty);
    }

    /// <summary>
    /// Stores the documents of <paramref name="after"/> that differ from <paramref name="before"/>: the plan's own, and
    /// each task added, changed (a new instance: evolution keeps unchanged tasks as they were) or removed.
    /// </summary>
    public static Guid Record(IDocumentOperations operations, Plan? before, Plan after)
    {
        var revision = Guid.NewGuid();
        operations.Store(Document(after, revision));

        // Evolution keeps the tasks in the order they were added: it appends new ones and removes, never reorders.
        // So one walk over both lists finds every difference, without a lookup per task.
        using var was = (before?.Tasks ?? []).GetEnumerator();
        var hasWas = was.MoveNext();
        foreach (var task in after.Tasks)
        {
            while (hasWas && was.Current.Id != task.Id && was.Current.Added <= task.Added)
            {
                operations.Delete<TaskDocument>(TaskDocument.IdOf(after.Id, was.Current.Id));
                hasWas = was.MoveNext();
            }

            if (hasWas && was.Current.Id == task.Id)
            {
                if (!ReferenceEquals(was.Current, task))
                {
                    operations.Store(Document(after.Id, task));
                }

                hasWas = was.MoveNext();
            }
            else
            {
                operations.Store(Document(after.Id, task));
            }
        }

        for (; hasWas; hasWas = was.MoveNext())
        {
            operations.Delete<TaskDocument>(TaskDocument.IdOf(after.Id, was.Current.Id));
        }

        return revision;
    }

    /// <summary>Inserts every document of <paramref name="plan"/>: the save fails if the plan has documents already.</summary>
    public static void Insert(IDocumentOperations operations, Plan plan)
    {
        operations.Insert(Document(plan, Guid.NewGuid()));
        operations.Insert([.. plan.Tasks.Select(t => Document(plan.Id, t))]);
    }

    /// <summary>The plan's own document: its state without its tasks.</summary>
    public static PlanDocument Document(Plan plan, Guid revision) => new(plan.Id, plan with { Tasks = [] }, plan.Tasks.Count, revision);

    private static TaskDocument Document(Guid planId, PlanTask task) => new(TaskDocument.IdOf(planId, task.Id), planId, task);

    private static Plan ToPlan(PlanDocument p, IEnumerable<TaskDocument> tasks) =>
        (p.Plan ?? throw new InvalidOperationException($"Plan {p.Id}'s document predates the plan kept whole; the Planner writes it again when it starts."))
        with { Tasks = [.. tasks.Select(t => t.Task).OrderBy(t => t.Added)] };
}

/// <summary>
/// The latest plan each writer of this process recorded, so the next write decides on it instead of reading every
/// task again. An entry is used only while the plan's document still carries the revision it was recorded with:
/// a write by another instance, or one whose transaction failed, leaves another revision and the plan is read again.
/// </summary>
public sealed class PlanStateCache
{
    private const int Capacity = 512;

    private static readonly ConditionalWeakTable<IDocumentStore, PlanStateCache> Caches = new();

    private readonly ConcurrentDictionary<Guid, (Plan Plan, Guid Revision)> _plans = new();

    /// <summary>The cache of the plans kept in <paramref name="store"/>.</summary>
    public static PlanStateCache For(IDocumentStore store) => Caches.GetValue(store, _ => new PlanStateCache());

    public Plan? Find(Guid planId, Guid revision) =>
        _plans.TryGetValue(planId, out var entry) && entry.Revision == revision ? entry.Plan : null;

    public void Remember(Plan plan, Guid revision)
    {
        if (_plans.Count >= Capacity && !_plans.ContainsKey(plan.Id))
        {
            // Plans written rarely are read again on their next write; a full cache starts over rather than track use.
            _plans.Clear();
        }

        _plans[plan.Id] = (plan, revision);
    }
}
