using System.Text.Json.Nodes;
using JasperFx.Events.Projections;
using MassTransit;
using Microsoft.OpenApi;
using Orchestrator.Conversation.Conversations;
using Orchestrator.Conversation.Conversations.Context;
using Orchestrator.Conversation.Conversations.GettingConversation;
using Orchestrator.Conversation.Conversations.PostingMessage;
using Orchestrator.Conversation.Conversations.RatingReply;
using Orchestrator.Conversation.Conversations.SplittingTask;
using Orchestrator.Conversation.Messaging;
using Orchestrator.Conversation.Model;
using Orchestrator.Eventing;

namespace Orchestrator.Conversation;

public static class ConversationModule
{
    public const string Schema = "conversation";

    /// <summary>Registers the Conversation service's event store, bus, consumers and model access.</summary>
    public static IHostApplicationBuilder AddConversationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddApiDocument(options => options.AddSchemaTransformer((schema, context, _) =>
        {
            // The provider is a configured string, and always one of the providers model access knows.
            if (context.JsonTypeInfo.Type == typeof(ModelAccess.ModelProviderInfo) && schema.Properties?["provider"] is OpenApiSchema provider)
            {
                provider.Enum = [.. ModelAccess.ModelProviders.All.Select(name => JsonValue.Create(name))];
            }

            return Task.CompletedTask;
        }));
        builder.AddModelAccess();
        builder.AddPromptClient();
        builder.Services.AddSingleton<ActiveTurns>();
        builder.Services.AddSingleton<ConversationTurns>();
        builder.Services.AddHttpClient<PlannerClient>(client => client.BaseAddress = new Uri(PlannerClient.ServiceAddress));
        builder.AddEventStore(Schema, ConfigureConversation).PublishIntegrationEvents<ConversationIntegrationEvents>();
        builder.AddBus("conversation", bus => bus.AddConsumers(typeof(ConversationModule).Assembly));
        return builder.WithoutBackgroundWorkWhenDescribingApi();
    }

    /// <summary>Every projection and event type of the Conversation service.</summary>
    public static void ConfigureConversation(Marten.StoreOptions options)
    {
        options.Projections.Add<ConversationProjection>(ProjectionLifecycle.Inline);
        options.Events.AddEventTypes(
        [
            typeof(ConversationStarted), typeof(ConversationBriefed), typeof(InputsDeclared), typeof(MessagePosted), typeof(ReplyGenerated),
            typeof(InputRequested), typeof(HumanInputProvided), typeof(AutonomousTurnCompleted), typeof(AutonomousTurnFailed), typeof(ConversationRecapped),
            typeof(SubtasksProposed), typeof(ProposalAccepted), typeof(ProposalDismissed), typeof(ReplyRated),
        ]);
    }

    /// <summary>Maps <c>/api/conversations</c> and <c>/api/model</c>.</summary>
    public static WebApplication MapConversationApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapGroup("/api/conversations").WithTags("Conversations").MapGetConversation().MapPostMessage().MapProposals().MapReplyFeedback();
        app.MapGetModel();
        return app;
    }
}
