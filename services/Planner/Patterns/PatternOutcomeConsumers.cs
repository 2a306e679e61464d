using Marten;
using MassTransit;
using Orchestrator.Contracts.Planning;
using Orchestrator.Planner.Plans;

namespace Orchestrator.Planner.Patterns;

/// <summary>
/// Keeps the gallery up to date with how plans turn out, once per message: an approved plan counts as a use of the patterns it
/// is based on; a finished plan records its success on them and, when it succeeded, goes into the gallery itself; the person's
/// rating records the success again (a low rating turns it into a failure, and withdraws the plan from the gallery if it went in by itself).
/// </summary>
public abstract class PatternOutcomeConsumer<TMessage>(IDocumentStore store, TimeProvider clock, ILogger logger) : IdempotentConsumer<TMessage>(store, logger)
    where TMessage : class
{
    protected DateTimeOffset Now => clock.GetUtcNow();

    protected abstract Guid PlanIdOf(TMessage message);

    /// <summary>Records the plan's success, as it stands now, on every pattern it was based on.</summary>
    protected IEnumerable<(Guid PatternId, Func<Pattern?, Decision> Decide)> OutcomesOn(Plan plan, bool success) =>
        plan.Patterns.Select(used => (used.Id, (Func<Pattern?, Decision>)(state => PatternDecisions.RecordOutcome(state, plan.Id, success, Now))));

    /// <summary>The decisions to take, each on one pattern's stream.</summary>
    protected abstract IEnumerable<(Guid PatternId, Func<Pattern?, Decision> Decide)> Decisions(Plan plan, TMessage message);

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(context);
        if (await PlanStorage.LoadAsync(session, PlanIdOf(context.Message), context.CancellationToken) is not { } plan)
        {
            return;
        }

        foreach (var (patternId, decide) in Decisions(plan, context.Message))
        {
            // Appended here, saved by the base class with the message's id: a concurrent writer of the same pattern fails
            // the save on its version, and the bus delivers the message again.
            var stream = await PatternStream.OpenAsync(session, patternId, context.CancellationToken);
            EventStreamWriter.Decide(stream, decide);
        }
    }
}

public sealed class PatternUsedConsumer(IDocumentStore store, TimeProvider clock, ILogger<PatternUsedConsumer> logger)
    : PatternOutcomeConsumer<PlanApprovedIntegrationEvent>(store, clock, logger)
{
    protected override Guid PlanIdOf(PlanApprovedIntegrationEvent message) => message.PlanId;

    protected override IEnumerable<(Guid, Func<Pattern?, Decision>)> Decisions(Plan plan, PlanApprovedIntegrationEvent message) =>
        plan.Patterns.Select(p => (p.Id, (Func<Pattern?, Decision>)(state => PatternDecisions.Use(state, plan.Id, Now))));
}

public sealed class PatternPlanFinishedConsumer(IDocumentStore store, TimeProvider clock, ILogger<PatternPlanFinishedConsumer> logger)
    : PatternOutcomeConsumer<PlanFinishedIntegrationEvent>(store, clock, logger)
{
    protected override Guid PlanIdOf(PlanFinishedIntegrationEvent message) => message.PlanId;

    protected override IEnumerable<(Guid, Func<Pattern?, Decision>)> Decisions(Plan plan, PlanFinishedIntegrationEvent message)
    {
        var success = PlanSuccess.Of(plan);
        foreach (var outcome in OutcomesOn(plan, success))
        {
            yield return outcome;
        }

        if (success)
        {
            yield return (PatternDecisions.IdFor(plan.Id), state => state is null ? PatternDecisions.Save(state, plan, PatternOrigin.Proven, Now) : Decision.Unchanged);
        }
    }
}

public sealed class PatternPlanRatedConsumer(IDocumentStore store, TimeProvider clock, ILogger<PatternPlanRatedConsumer> logger)
    : PatternOutcomeConsumer<PlanRatedIntegrationEvent>(store, clock, logger)
{
    protected override Guid PlanIdOf(PlanRatedIntegrationEvent message) => message.PlanId;

    protected override IEnumerable<(Guid, Func<Pattern?, Decision>)> Decisions(Plan plan, PlanRatedIntegrationEvent message)
    {
        var success = PlanSuccess.Of(plan);
        foreach (var outcome in OutcomesOn(plan, success))
        {
            yield return outcome;
        }

        if (!success)
        {
            // A plan that went into the gallery by itself leaves it when the person says it did not succeed; one they saved stays.
            yield return (PatternDecisions.IdFor(plan.Id), state => state is { Origin: PatternOrigin.Proven, Removed: false }
                ? PatternDecisions.Remove(state, state.Id, Now)
                : Decision.Unchanged);
        }
    }
}
