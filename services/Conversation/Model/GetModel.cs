using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.ModelAccess;

namespace Orchestrator.Conversation.Model;

public static class GetModelEndpoint
{
    /// <summary><c>GET /api/model</c>: the provider and model in use, and whether answers come from the simulator. Never a key or an endpoint.</summary>
    public static WebApplication MapGetModel(this WebApplication app)
    {
        app.MapGet("/api/model", Ok<ModelProviderInfo> (ModelProviderInfo info) => TypedResults.Ok(info))
            .WithTags("Model")
            .WithName("GetModel")
            .WithSummary("The model provider in use; the web shows a banner when it is the simulator.");
        return app;
    }
}
