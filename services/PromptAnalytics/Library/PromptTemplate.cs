using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.Library;

/// <summary>An immutable version of a template.</summary>
public sealed record PromptVersion(
    string VersionId,
    int Number,
    string Text,
    PromptParameters Parameters,
    string Author,
    string? Note,
    string? Origin,
    DateTimeOffset CreatedAt);

/// <summary>The experiment a template runs now, as resolve needs it.</summary>
public sealed record RunningExperiment(Guid ExperimentId, IReadOnlyList<ExperimentVariant> Variants, AllocationKind Allocation, string Metric);

/// <summary>The state of a template stream: its versions, labels and running experiment. Built only by <see cref="PromptTemplateEvolution.Evolve"/>.</summary>
public sealed record PromptTemplate(
    Guid Id,
    string Name,
    string Description,
    IReadOnlyList<PromptVersion> Versions,
    IReadOnlyDictionary<string, string> Labels,
    RunningExperiment? Experiment,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const string Production = "production";
    public const string Candidate = "candidate";

    public static IReadOnlyList<string> KnownLabels { get; } = [Production, Candidate];

    /// <summary>The version <paramref name="versionId"/> names, accepting the built-in alias it was seeded from.</summary>
    public PromptVersion? FindVersion(string versionId) =>
        Versions.FirstOrDefault(v => v.VersionId == versionId) ?? Versions.FirstOrDefault(v => v.Origin == versionId);

    public PromptVersion? ProductionVersion => Labels.TryGetValue(Production, out var id) ? FindVersion(id) : null;

    public IReadOnlyList<string> LabelsOf(string versionId) => [.. Labels.Where(l => l.Value == versionId).Select(l => l.Key).Order(StringComparer.Ordinal)];
}

/// <summary>How each domain event changes a template.</summary>
public static class PromptTemplateEvolution
{
    public static PromptTemplate? Evolve(PromptTemplate? state, object @event) => @event switch
    {
        TemplateCreated e => new PromptTemplate(e.TemplateId, e.Name, e.Description, [], new Dictionary<string, string>(), null, e.At, e.At),
        VersionAdded e when state is not null => state with
        {
            Versions = [.. state.Versions, new PromptVersion(e.VersionId, e.Number, e.Text, e.Parameters, e.Author, e.Note, e.Origin, e.At)],
            UpdatedAt = e.At,
        },
        LabelAssigned e when state is not null => state with
        {
            Labels = new Dictionary<string, string>(state.Labels) { [e.Label] = e.VersionId },
            UpdatedAt = e.At,
        },
        ExperimentStarted e when state is not null => state with
        {
            Experiment = new RunningExperiment(e.ExperimentId, e.Variants, e.Allocation, e.Metric),
            UpdatedAt = e.At,
        },
        ExperimentStopped e when state?.Experiment?.ExperimentId == e.ExperimentId => state with { Experiment = null, UpdatedAt = e.At },
        VersionPromoted e when state is not null => state with
        {
            Experiment = state.Experiment?.ExperimentId == e.ExperimentId ? null : state.Experiment,
            UpdatedAt = e.At,
        },
        _ => state,
    };
}
