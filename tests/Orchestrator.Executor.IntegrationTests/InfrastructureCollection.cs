using Orchestrator.Testing;

namespace Orchestrator.Executor.IntegrationTests;

/// <summary>Test classes in this collection share one PostgreSQL server and one RabbitMQ broker; each test makes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "executor-infrastructure";
}
