using JasperFx;
using Marten;
using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.Library.Seeding;

public static class SeedBuiltInDecision
{
    public const string Author = "built-in";

    /// <summary>
    /// The events that put <paramref name="builtIn"/> into the library: a new template with the built-in as its
    /// production version, a new version when the built-in's revision is not there yet, or nothing.
    /// </summary>
    public static IReadOnlyList<object> Decide(PromptTemplate? state, BuiltInPrompt builtIn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        var id = TemplateIds.For(builtIn.Name);
        if (state is null)
        {
            var versionId = TemplateIds.VersionId(builtIn.Name, 1);
            return
            [
                new TemplateCreated(id, builtIn.Name, builtIn.Description, now),
                new VersionAdded(id, builtIn.Name, versionId, 1, builtIn.Text, builtIn.Parameters, Author, $"Built-in revision {builtIn.Revision}", builtIn.VersionId, now),
                new LabelAssigned(id, builtIn.Name, PromptTemplate.Production, versionId, now),
            ];
        }

        if (state.Versions.Any(v => v.Origin == builtIn.VersionId))
        {
            return [];
        }

        var number = state.Versions.Count + 1;
        return [new VersionAdded(id, builtIn.Name, TemplateIds.VersionId(builtIn.Name, number), number, builtIn.Text, builtIn.Parameters, Author, $"Built-in revision {builtIn.Revision}", builtIn.VersionId, now)];
    }
}

/// <summary>Seeds the built-in templates on start; idempotent, and safe when several instances start at once.</summary>
public sealed partial class BuiltInSeeder(IDocumentStore store, TimeProvider clock, ILogger<BuiltInSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var builtIn in BuiltInPrompts.Seeded)
        {
            // Another instance seeding the same template at the same moment makes a write conflict: decide again on its state.
            for (var attempt = 1; attempt <= 3 && !await SeedAsync(builtIn, cancellationToken); attempt++)
            {
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Adds the built-in's version unless the template has it; false when another writer got there first.</summary>
    private async Task<bool> SeedAsync(BuiltInPrompt builtIn, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await TemplateStream.OpenAsync(session, builtIn.Name, ct);
        var write = await session.WriteAsync(stream, template => new Decision(SeedBuiltInDecision.Decide(template, builtIn, clock.GetUtcNow()), null), ct);
        if (write.Events.Count > 0)
        {
            LogSeeded(logger, builtIn.VersionId);
        }

        return write.Problem is null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded built-in prompt {VersionId}")]
    private static partial void LogSeeded(ILogger logger, string versionId);
}
