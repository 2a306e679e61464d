extern alias planner;

using JasperFx;
using Marten;
using Orchestrator.Eventing;
using Orchestrator.Testing;
using planner::Orchestrator.Planner;
using planner::Orchestrator.Planner.Plans;
using planner::Orchestrator.Planner.Plans.AddingTask;
using planner::Orchestrator.Planner.Plans.Approving;
using planner::Orchestrator.Planner.Plans.CreatingPlan;
using Weasel.Core;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>The Planner's event store on a test's own database, and plans built in it through the Planner's decisions and write path.</summary>
internal sealed class PlannerStore(DocumentStore store) : IAsyncDisposable
{
    public static async Task<PlannerStore> CreateAsync(InfrastructureFixture fixture, string database)
    {
        var connection = await fixture.Infrastructure.CreateDatabaseAsync(database);
        return new(DocumentStore.For(options =>
        {
            options.Connection(connection);
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.DatabaseSchemaName = PlannerModule.Schema;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            options.Schema.For<ProcessedMessage>();
            PlannerModule.ConfigurePlanner(options);
        }));
    }

    public DocumentStore Store => store;

    public StreamGate Gate { get; } = new();

    /// <summary>Starts a plan with its root task and returns its id.</summary>
    public async Task<Guid> StartPlanAsync(string request)
    {
        var decision = CreatePlanDecision.Decide(Plan.Initial, new CreatePlan(Guid.CreateVersion7(), request, null, Guid.CreateVersion7(), Guid.CreateVersion7(), DateTimeOffset.UtcNow));
        var plan = decision.Events.Aggregate(Plan.Initial, PlanEvolution.Evolve) with { Version = decision.Events.Count };
        await using var session = store.LightweightSession();
        session.Events.StartStream<Plan>(plan.Id, decision.Events);
        PlanStorage.Record(session, null, plan);
        await session.SaveChangesAsync();
        return plan.Id;
    }

    /// <summary>Adds a task under <paramref name="parentId"/> (the root when null) and returns its id.</summary>
    public async Task<Guid> AddTaskAsync(Guid planId, string title, Guid? parentId = null, params Guid[] dependsOn)
    {
        var taskId = Guid.CreateVersion7();
        await WriteAsync(planId, plan => AddTaskDecision.Decide(plan, new AddTask(
            parentId ?? plan.Root.Id, title, $"Do {title}.", TaskMode.Autonomous, dependsOn, [], taskId, Guid.CreateVersion7(), DateTimeOffset.UtcNow)));
        return taskId;
    }

    public Task ApproveAsync(Guid planId) => WriteAsync(planId, plan => ApprovePlanDecision.Decide(plan, DateTimeOffset.UtcNow));

    /// <summary>Writes a decision through the Planner's write path; fails the test when it is refused.</summary>
    public async Task WriteAsync(Guid planId, Func<Plan, Decision> decide)
    {
        await using var session = store.LightweightSession();
        var write = await new PlanWriter(session, TimeProvider.System, Gate).WriteAsync(planId, null, decide, CancellationToken.None);
        Assert.True(write.Problem is null, write.Problem?.Detail);
    }

    public async Task<Plan> LoadAsync(Guid planId)
    {
        await using var session = store.QuerySession();
        return await PlanStorage.LoadAsync(session, planId, CancellationToken.None) ?? throw new InvalidOperationException($"Plan {planId} does not exist.");
    }

    /// <summary>The plan's events of type <typeparamref name="T"/>, with their ids, in order.</summary>
    public async Task<List<(Guid Id, T Data)>> EventsAsync<T>(Guid planId)
    {
        await using var session = store.QuerySession();
        return (await session.Events.FetchStreamAsync(planId)).Where(e => e.Data is T).Select(e => (e.Id, (T)e.Data)).ToList();
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
