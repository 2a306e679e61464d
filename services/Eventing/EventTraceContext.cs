using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Marten.Services;

namespace Orchestrator.Eventing;

/// <summary>
/// Carries the W3C trace context of whoever appended an event (an HTTP request, a bus consumer) in the event's
/// headers, so that work the async daemon does later for that event (relaying it to the bus) joins the same trace
/// instead of starting one of its own.
/// </summary>
public static class EventTraceContext
{
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    /// <summary>The source of the activities started for events' deferred work (picked up by <c>Orchestrator.*</c>).</summary>
    public static readonly ActivitySource Source = new("Orchestrator.Eventing");

    /// <summary>Records <paramref name="context"/> on every event pending in <paramref name="session"/> (on <paramref name="streamId"/> only, when given) that has none yet.</summary>
    public static void Stamp(IDocumentSession session, ActivityContext context, string? traceState = null, Guid? streamId = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (context == default)
        {
            return;
        }

        var traceParent = $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{((context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}";
        foreach (var stream in session.PendingChanges.Streams().Where(s => streamId is null || s.Id == streamId))
        {
            foreach (var @event in stream.Events.Where(e => e.GetHeader(TraceParentHeader) is null))
            {
                @event.SetHeader(TraceParentHeader, traceParent);
                if (!string.IsNullOrEmpty(traceState))
                {
                    @event.SetHeader(TraceStateHeader, traceState);
                }
            }
        }
    }

    /// <summary>The trace context recorded on <paramref name="event"/>, or default when it has none.</summary>
    public static ActivityContext Of(IEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var traceParent = @event.GetHeader(TraceParentHeader)?.ToString();
        var traceState = @event.GetHeader(TraceStateHeader)?.ToString();
        return traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }

    /// <summary>Starts an activity for deferred work on <paramref name="event"/>, a child of the trace that appended it (a new trace when it recorded none).</summary>
    public static Activity? StartActivity(string name, ActivityKind kind, IEvent @event) =>
        Source.StartActivity(name, kind, Of(@event));
}

/// <summary>Stamps the events of every session with the ambient activity's trace context just before they are written.</summary>
internal sealed class TraceContextListener : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (Activity.Current is { } current)
        {
            EventTraceContext.Stamp(session, current.Context, current.TraceStateString);
        }

        return Task.CompletedTask;
    }
}
