using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Keeps every span that belongs to a request, a message or a trace carried over from one, and drops the traces
/// that background polling would otherwise start on its own several times a second: a database or HTTP call with
/// no parent (the scheduler's and the daemon's polls) and the event-store daemon's own loops. Without this, the
/// dashboard's trace list is thousands of one-span polls deep and the traces worth reading are lost in them.
/// </summary>
public sealed class BackgroundNoiseSampler : Sampler
{
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.ParentContext.TraceId != default)
        {
            // A span inside a trace follows its parent's decision.
            return samplingParameters.ParentContext.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? Keep : Drop;
        }

        return IsBackgroundRoot(samplingParameters.Kind, samplingParameters.Name) ? Drop : Keep;
    }

    /// <summary>A root span that only background polling starts: a client call made outside any request or message, or a daemon loop.</summary>
    public static bool IsBackgroundRoot(ActivityKind kind, string name) =>
        kind == ActivityKind.Client || name.StartsWith("marten.daemon.", StringComparison.Ordinal);
}
