using Microsoft.Extensions.Options;

namespace Orchestrator.ModelSimulator.Completions;

public enum Fault
{
    None,
    Error,
    Unavailable,
    Malformed,
    Truncate,
}

/// <summary>How one call is answered: its fault (if any) and its latencies.</summary>
public sealed record CallPlan(Fault Fault, int LatencyMs, int TokenLatencyMs);

/// <summary>Faults and latencies scripted for the next calls through <c>POST /v1/_faults</c>.</summary>
public sealed record ScriptedCall(string? Fail, int? LatencyMs, int? TokenLatencyMs, int? Count);

/// <summary>
/// Decides each call's fault and latency. In order of precedence: the request's <c>x-sim-*</c> headers,
/// then calls scripted through <c>POST /v1/_faults</c>, then the configured rates, drawn from a generator
/// seeded by <c>Simulator:Seed</c> so a run's sequence of faults repeats.
/// </summary>
public sealed class FaultInjector(IOptionsMonitor<SimulatorOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Queue<ScriptedCall> _script = new();
    private Random? _random;

    public static bool TryParseFault(string? value, out Fault fault)
    {
        fault = value?.Trim().ToLowerInvariant() switch
        {
            "error" => Fault.Error,
            "unavailable" => Fault.Unavailable,
            "malformed" => Fault.Malformed,
            "truncate" => Fault.Truncate,
            "none" => Fault.None,
            _ => (Fault)(-1),
        };
        return Enum.IsDefined(fault);
    }

    public void Script(ScriptedCall call)
    {
        lock (_lock)
        {
            for (var i = 0; i < Math.Max(1, call.Count ?? 1); i++)
            {
                _script.Enqueue(call);
            }
        }
    }

    public void ClearScript()
    {
        lock (_lock)
        {
            _script.Clear();
        }
    }

    public CallPlan Plan(IHeaderDictionary headers, ChatRequest request)
    {
        var settings = options.CurrentValue;
        ScriptedCall? scripted;
        double draw;
        lock (_lock)
        {
            _script.TryDequeue(out scripted);
            _random ??= new Random(settings.Seed);
            draw = _random.NextDouble();
        }

        var latency = IntHeader(headers, "x-sim-latency-ms") ?? scripted?.LatencyMs ?? settings.LatencyMs;
        var tokenLatency = IntHeader(headers, "x-sim-token-latency-ms") ?? scripted?.TokenLatencyMs ?? settings.TokenLatencyMs;
        if (TryParseFault(headers["x-sim-fail"], out var forced) || TryParseFault(scripted?.Fail, out forced))
        {
            return new CallPlan(forced, latency, tokenLatency);
        }

        // One draw spread over the rates, so they add up as configured.
        var fault = Fault.None;
        var threshold = settings.ErrorRate;
        if (draw < threshold)
        {
            fault = draw < threshold / 2 ? Fault.Error : Fault.Unavailable;
        }
        else if (request.WantsJson && draw < (threshold += settings.MalformedJsonRate))
        {
            fault = Fault.Malformed;
        }
        else if (draw < threshold + settings.TruncateRate)
        {
            fault = Fault.Truncate;
        }

        return new CallPlan(fault, latency, tokenLatency);
    }

    private static int? IntHeader(IHeaderDictionary headers, string name) =>
        int.TryParse(headers[name], out var value) && value >= 0 ? value : null;
}
