using Microsoft.Extensions.Options;

namespace Orchestrator.ModelAccess.Tests;

public sealed class ModelSettingsTests
{
    private const string Secret = "sk-test-secret-never-shown-0123456789";

    [Fact]
    public void Nothing_configured_means_the_simulator_at_its_default_address()
    {
        var options = new ModelOptions { Endpoint = ModelOptions.DefaultSimulatorEndpoint };

        Assert.Empty(ModelOptionsValidator.Failures(options));
        Assert.Equal(ModelProviders.Simulator, options.ProviderName);
        Assert.Equal(ModelProviders.SimulatorModel, options.ModelName);
        Assert.Equal(new Uri("http://127.0.0.1:5105/v1"), options.EndpointUri);
    }

    [Theory]
    [InlineData("openai", null, null, "gpt-4o-mini", "Orchestrator:Model:ApiKey")]
    [InlineData("openai", null, Secret, null, "Orchestrator:Model:Model")]
    [InlineData("azure-openai", null, Secret, "my-deployment", "Orchestrator:Model:Endpoint")]
    [InlineData("azure-openai", "https://example.openai.azure.com/", null, "my-deployment", "Orchestrator:Model:ApiKey")]
    [InlineData("openai-compatible", null, null, "llama3", "Orchestrator:Model:Endpoint")]
    [InlineData("openai-compatible", "localhost:11434", null, "llama3", "not an absolute http(s) URL")]
    [InlineData("claude-direct", null, Secret, "x", "Orchestrator:Model:Provider")]
    public void A_missing_or_invalid_setting_is_named_and_the_key_is_never_echoed(string provider, string? endpoint, string? key, string? model, string expected)
    {
        var options = new ModelOptions { Provider = provider, Endpoint = endpoint, ApiKey = key, Model = model };

        var failures = ModelOptionsValidator.Failures(options).ToList();

        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void A_complete_openai_compatible_setting_passes_and_keeps_its_endpoint()
    {
        var options = new ModelOptions { Provider = "OpenAI-Compatible", Endpoint = "http://127.0.0.1:11434/v1", Model = "llama3" };

        Assert.Empty(ModelOptionsValidator.Failures(options));
        Assert.Equal(new Uri("http://127.0.0.1:11434/v1"), options.EndpointUri);
    }

    [Fact]
    public void A_context_window_below_1024_tokens_is_refused()
    {
        var failures = ModelOptionsValidator.Failures(new ModelOptions { Endpoint = "http://127.0.0.1:1", ContextWindow = 100 });

        Assert.Contains(failures, f => f.Contains("Orchestrator:Model:ContextWindow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_service_with_a_bad_setting_stops_at_start_naming_the_setting_without_the_key()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ModelHost.StartAsync(new Dictionary<string, string?>
        {
            ["Orchestrator:Model:Provider"] = "azure-openai",
            ["Orchestrator:Model:ApiKey"] = Secret,
            ["Orchestrator:Model:Model"] = "deployment",
        }));

        Assert.Contains("Orchestrator:Model:Endpoint", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_provider_info_names_provider_and_model_but_never_the_key()
    {
        await using var host = await ModelHost.StartAsync(new Dictionary<string, string?>
        {
            ["Orchestrator:Model:Provider"] = "openai-compatible",
            ["Orchestrator:Model:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Orchestrator:Model:ApiKey"] = Secret,
            ["Orchestrator:Model:Model"] = "llama3",
            ["Orchestrator:Model:ContextWindow"] = "8192",
        });

        var info = (ModelProviderInfo)host.Services.GetService(typeof(ModelProviderInfo))!;

        Assert.Equal(new ModelProviderInfo("openai-compatible", "llama3", false) { ContextWindow = 8192 }, info);
        Assert.DoesNotContain(Secret, System.Text.Json.JsonSerializer.Serialize(info), StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_are_counted_with_the_real_o200k_tokenizer()
    {
        var counter = TiktokenCounter.ForModel("orchestrator-simulator");

        Assert.Equal("o200k_base", counter.Encoding);
        Assert.Equal(2, counter.Count("Hello world"));
        Assert.Equal("cl100k_base", TiktokenCounter.ForModel("gpt-4").Encoding);
        // Two messages: 3 framing + content + 1 each, plus 3 priming the reply.
        Assert.Equal(3 + 2 + 1 + 3 + 2 + 1 + 3, counter.Count([new ModelMessage(ModelRole.System, "Hello world"), new ModelMessage(ModelRole.User, "Hello world")]));
    }
}
