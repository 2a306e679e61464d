using Orchestrator.Testing;

namespace Orchestrator.Planner.IntegrationTests;

/// <summary>
/// Test classes in this collection share one PostgreSQL server and one RabbitMQ broker; each class has a virtual host of
/// its own on the broker and makes its own databases.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<ServersFixture>, IClassFixture<InfrastructureFixture>
{
    public const string Name = "infrastructure";
}
