namespace Orchestrator.ModelSimulator;

/// <summary>Settings under <c>Simulator</c>: latency and fault injection, all off by default.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Delay before the first byte of every reply.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Delay per streamed chunk (about one word); a non-streamed reply waits for all of them.</summary>
    public int TokenLatencyMs { get; set; }

    /// <summary>Share of calls answered with HTTP 500 or 503.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Share of structured-output calls whose JSON is cut short.</summary>
    public double MalformedJsonRate { get; set; }

    /// <summary>Share of calls whose connection is dropped halfway through the reply.</summary>
    public double TruncateRate { get; set; }

    /// <summary>How many received requests <c>GET /v1/_requests</c> keeps.</summary>
    public int KeepRequests { get; set; } = 500;

    /// <summary>Seeds the fault draws, so a run's sequence of faults repeats.</summary>
    public int Seed { get; set; } = 1;
}
