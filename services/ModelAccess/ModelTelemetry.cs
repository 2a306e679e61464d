using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Orchestrator.ModelAccess;

/// <summary>
/// The measurements of model calls, named after OpenTelemetry's GenAI conventions and tagged with the
/// purpose and the prompt version that produced the call.
/// </summary>
public static class ModelTelemetry
{
    public const string SourceName = "Orchestrator.ModelAccess";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "Time from sending a model request to its last token.");

    public static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Tokens per model call, by gen_ai.token.type (input or output).");

    public static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "orchestrator.model.failures", "{call}", "Model calls that failed.");

    internal static Activity? StartCall(ModelRequest request, string provider, string model, bool streaming)
    {
        var activity = Source.StartActivity($"chat {model}", ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("gen_ai.operation.name", "chat");
        activity.SetTag("gen_ai.system", provider);
        activity.SetTag("gen_ai.request.model", model);
        activity.SetTag("orchestrator.model.streaming", streaming);
        foreach (var tag in Tags(request))
        {
            activity.SetTag(tag.Key, tag.Value);
        }

        return activity;
    }

    internal static void Record(ModelRequest request, string provider, ModelUsage usage, Activity? activity)
    {
        var tags = Tags(request).Append(new("gen_ai.system", provider)).Append(new("gen_ai.response.model", usage.Model)).ToArray();
        Duration.Record(usage.Latency.TotalSeconds, tags);
        TokenUsage.Record(usage.PromptTokens, [.. tags, new("gen_ai.token.type", "input")]);
        TokenUsage.Record(usage.CompletionTokens, [.. tags, new("gen_ai.token.type", "output")]);
        activity?.SetTag("gen_ai.response.model", usage.Model);
        activity?.SetTag("gen_ai.usage.input_tokens", usage.PromptTokens);
        activity?.SetTag("gen_ai.usage.output_tokens", usage.CompletionTokens);
        activity?.SetTag("orchestrator.model.tokens_counted_locally", usage.Counted);
    }

    internal static void RecordFailure(ModelRequest request, string provider, ModelCallException failure, Activity? activity)
    {
        Failures.Add(1, [.. Tags(request), new("gen_ai.system", provider), new("error.type", failure.StatusCode?.ToString() ?? "transport")]);
        activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
    }

    private static IEnumerable<KeyValuePair<string, object?>> Tags(ModelRequest request)
    {
        yield return new("orchestrator.model.purpose", request.Purpose);
        yield return new("orchestrator.prompt.name", request.PromptName);
        yield return new("orchestrator.prompt.version", request.PromptVersionId);
    }
}
