namespace Orchestrator.SystemTests;

/// <summary>
/// Every system test starts the whole Orchestrator (two servers, six services, DCP): on a two-core machine they run
/// one at a time, never beside each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SystemCollection
{
    public const string Name = "Whole system";
}
