using MassTransit;
using JasperFx.Events.Projections;
using Orchestrator.Conversation.Conversations;
using Orchestrator.Conversation.Conversations.GettingConversation;
using Orchestrator.Conversation.Messaging;
using Orchestrator.Eventing;

namespace Orchestrator.Conversation;

public static class ConversationModule
{
    public const string Schema = "conversation";

    /// <summary>Registers the Conversation service's event store, bus and consumers.</summary>
    public static IHostApplicationBuilder AddConversationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        builder.AddEventStore(Schema, ConfigureConversation).PublishIntegrationEvents<ConversationIntegrationEvents>();
        builder.AddBus("conversation", bus => bus.AddConsumers(typeof(ConversationModule).Assembly));
        return builder;
    }

    /// <summary>Every projection of the Conversation service with its lifecycle.</summary>
    public static void ConfigureConversation(Marten.StoreOptions options)
    {
        options.Projections.Add<ConversationProjection>(ProjectionLifecycle.Inline);
        options.Events.AddEventType<ConversationStarted>();
    }

    /// <summary>Maps the Conversation service's routes under <c>/api/conversations</c>.</summary>
    public static WebApplication MapConversationApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapGroup("/api/conversations").WithTags("Conversations").MapGetConversation();
        return app;
    }
}
