using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Prompts;

namespace Orchestrator.ModelAccess;

/// <summary>
/// Publishes <see cref="ModelCallRecordedIntegrationEvent"/> for every call, when the service has a bus.
/// Publishing right after the call, rather than through a Marten stream, is deliberate: the call is not
/// a database write, so there is no transaction to keep it consistent with; a crash between the call
/// and the publish loses one analytics record, never a decision. A failed publish is logged, never
/// turned into a failed model call.
/// </summary>
public sealed class ModelCallRecorder(IServiceProvider services, ModelPricing pricing, TimeProvider clock, ILogger<ModelCallRecorder> logger)
{
    public async Task RecordAsync(ModelRequest request, ModelUsage usage, bool succeeded)
    {
        if (services.GetService<IBus>() is not { } bus)
        {
            return;
        }

        var recorded = new ModelCallRecordedIntegrationEvent(
            Guid.CreateVersion7(), request.Subject, request.Purpose, request.PromptName, request.PromptVersionId,
            usage.Model, usage.PromptTokens, usage.CompletionTokens, usage.Latency.TotalMilliseconds, succeeded, clock.GetUtcNow(), pricing.Cost(usage));
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await bus.Publish(recorded, timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning("Could not publish the record of a {Purpose} model call: {Reason}", request.Purpose, ex.GetType().Name);
        }
    }
}
