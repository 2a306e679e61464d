using Orchestrator.ModelSimulator.Completions;

namespace Orchestrator.ModelSimulator;

public static class ModelSimulatorModule
{
    /// <summary>Registers the simulator's settings, fault injection and request log.</summary>
    public static IHostApplicationBuilder AddModelSimulator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddSettings<SimulatorOptions>(SimulatorOptions.SectionName);
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<RequestLog>();
        return builder;
    }

    /// <summary>Maps the OpenAI-compatible API under <c>/v1</c> and the test hooks <c>/v1/_requests</c> and <c>/v1/_faults</c>.</summary>
    public static WebApplication MapModelSimulatorApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapChatCompletions();
        v1.MapGet("/models", (TimeProvider clock) => TypedResults.Json(new
        {
            @object = "list",
            data = new[] { new { id = ChatCompletionsEndpoint.ModelName, @object = "model", created = 0, owned_by = "orchestrator" } },
        })).WithName("ListModels");

        v1.MapGet("/_requests", (RequestLog log, long? after) => TypedResults.Ok(log.Since(after ?? 0))).WithName("ReceivedRequests");
        v1.MapDelete("/_requests", (RequestLog log) =>
        {
            log.Clear();
            return TypedResults.NoContent();
        });
        v1.MapPost("/_faults", Results<NoContent, ProblemHttpResult> (ScriptedCall call, FaultInjector faults) =>
        {
            if (call.Fail is not null && !FaultInjector.TryParseFault(call.Fail, out _))
            {
                return TypedResults.Problem("'fail' must be one of error, unavailable, malformed, truncate, none.", statusCode: StatusCodes.Status400BadRequest);
            }

            faults.Script(call);
            return TypedResults.NoContent();
        }).WithName("ScriptFaults");
        v1.MapDelete("/_faults", (FaultInjector faults) =>
        {
            faults.ClearScript();
            return TypedResults.NoContent();
        });
        return app;
    }
}
