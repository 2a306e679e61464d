using Orchestrator.Testing;

namespace Orchestrator.Conversation.IntegrationTests;

/// <summary>Test classes in this collection share one PostgreSQL server and one RabbitMQ broker; each makes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "conversation-infrastructure";
}
