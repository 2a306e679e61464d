using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.Library.AddingVersion;

public sealed record AddVersionRequest(string? Text, string? Note, PromptParameters? Parameters, string? Author, IReadOnlyList<string>? Labels);

public sealed record AddVersion(string Name, string Text, string? Note, PromptParameters? Parameters, string? Author, IReadOnlyList<string> Labels, DateTimeOffset Now);

/// <summary>A version as the API shows it.</summary>
public sealed record VersionView(
    string VersionId,
    string Name,
    int Number,
    string Text,
    PromptParameters Parameters,
    string Author,
    string? Note,
    string? Origin,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Labels)
{
    /// <summary>The version's model calls so far and what they cost in US dollars, all told.</summary>
    public VersionCost Cost { get; init; } = VersionCost.None;

    public static VersionView From(PromptTemplate template, PromptVersion v) =>
        new(v.VersionId, template.Name, v.Number, v.Text, v.Parameters, v.Author, v.Note, v.Origin, v.CreatedAt, template.LabelsOf(v.VersionId));
}

/// <summary>How many model calls a version made and what they cost in US dollars.</summary>
public sealed record VersionCost(long Calls, decimal Usd)
{
    public static VersionCost None { get; } = new(0, 0m);
}

public static class AddVersionDecision
{
    public const int MaxTextLength = 100_000;
    public const int MaxNoteLength = 2_000;

    /// <summary>Decides the events that add an immutable version (and its labels), or why the request is refused.</summary>
    public static Decision Decide(PromptTemplate? state, AddVersion command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state is null)
        {
            return Decision.NotFound($"There is no prompt template named '{command.Name}'. Known templates: {string.Join(", ", PromptNames.All)}.");
        }

        if (string.IsNullOrWhiteSpace(command.Text))
        {
            return Decision.Invalid("'text' is empty: send the full template text of the new version.");
        }

        if (command.Text.Length > MaxTextLength)
        {
            return Decision.Invalid($"'text' has {command.Text.Length} characters; the limit is {MaxTextLength}.");
        }

        if (PromptTemplateRenderer.Validate(command.Text) is { } syntax)
        {
            return Decision.Invalid($"'text' is not a valid Semantic Kernel prompt template ({syntax}). Variables are written {{{{$name}}}}.");
        }

        if (command.Note is { Length: > MaxNoteLength })
        {
            return Decision.Invalid($"'note' has {command.Note.Length} characters; the limit is {MaxNoteLength}.");
        }

        if (ParameterProblem(command.Parameters) is { } parameters)
        {
            return Decision.Invalid(parameters);
        }

        var unknown = command.Labels.Where(l => !PromptTemplate.KnownLabels.Contains(l)).ToList();
        if (unknown.Count > 0)
        {
            return Decision.Invalid($"Unknown label(s) {string.Join(", ", unknown.Select(l => $"'{l}'"))}; use {string.Join(" or ", PromptTemplate.KnownLabels)}.");
        }

        var number = state.Versions.Count + 1;
        var versionId = TemplateIds.VersionId(state.Name, number);
        var author = string.IsNullOrWhiteSpace(command.Author) ? "anonymous" : command.Author.Trim();
        var events = new List<object>
        {
            new VersionAdded(state.Id, state.Name, versionId, number, command.Text, command.Parameters ?? PromptParameters.None, author, command.Note, null, command.Now),
        };
        events.AddRange(command.Labels.Distinct().Select(label => new LabelAssigned(state.Id, state.Name, label, versionId, command.Now)));
        return Decision.Accept([.. events]);
    }

    private static string? ParameterProblem(PromptParameters? p) => p switch
    {
        null => null,
        { Temperature: < 0 or > 2 } => "'parameters.temperature' must be between 0 and 2.",
        { TopP: <= 0 or > 1 } => "'parameters.topP' must be greater than 0 and at most 1.",
        { MaxTokens: <= 0 } => "'parameters.maxTokens' must be a positive number of tokens.",
        { ResponseSchema: { } schema } when schema != DecompositionSchema.Name => $"'parameters.responseSchema' must be '{DecompositionSchema.Name}' or absent.",
        _ => null,
    };
}

public static class AddVersionEndpoint
{
    public static RouteGroupBuilder MapAddVersion(this RouteGroupBuilder prompts)
    {
        prompts.MapPost("/{name}/versions", async Task<Results<Created<VersionView>, ProblemHttpResult>> (
            string name, AddVersionRequest body, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        {
            var command = new AddVersion(name, body.Text ?? "", body.Note, body.Parameters, body.Author, body.Labels ?? [], clock.GetUtcNow());
            var stream = await TemplateStream.OpenAsync(session, name, ct);
            var write = await session.WriteAsync(stream, template => AddVersionDecision.Decide(template, command), ct);
            return write.Respond(template => TypedResults.Created($"/api/prompts/{name}", VersionView.From(template, template.Versions[^1])));
        })
        .WithName("AddPromptVersion")
        .WithSummary("Adds a new immutable version of a template, optionally labelled production or candidate.");
        return prompts;
    }
}
