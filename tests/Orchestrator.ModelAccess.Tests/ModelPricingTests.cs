using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orchestrator.ModelAccess.Tests;

public sealed class ModelPricingTests
{
    private static readonly Dictionary<string, ModelPrice> Table = new()
    {
        ["gpt-4o-mini"] = new ModelPrice { InputPerMillion = 0.15m, OutputPerMillion = 0.60m },
        ["free-local"] = new ModelPrice(),
    };

    [Fact]
    public void A_call_costs_its_input_and_output_tokens_at_the_models_prices_per_million()
    {
        var pricing = new ModelPricing(ModelProviders.OpenAI, "gpt-4o-mini", Table);

        // 1,200 × 0.15 / 1e6 + 300 × 0.60 / 1e6 = 0.00018 + 0.00018
        Assert.Equal(0.00036m, pricing.Cost("gpt-4o-mini", 1_200, 300));
        Assert.Equal(0.15m + 0.60m, pricing.Cost("gpt-4o-mini", 1_000_000, 1_000_000));
        Assert.Equal(0.00036m, pricing.Cost(new ModelUsage("GPT-4o-Mini", 1_200, 300, TimeSpan.Zero)));
    }

    [Fact]
    public void Money_is_exact_decimal_arithmetic()
    {
        var pricing = new ModelPricing(ModelProviders.OpenAI, "m", new Dictionary<string, ModelPrice> { ["m"] = new() { InputPerMillion = 0.1m, OutputPerMillion = 0.2m } });

        var total = Enumerable.Range(0, 10).Sum(_ => pricing.Cost("m", 1, 1));

        Assert.Equal(0.000003m, total);
    }

    [Fact]
    public void A_dated_version_the_provider_answers_with_is_priced_as_the_configured_model()
    {
        var pricing = new ModelPricing(ModelProviders.OpenAI, "gpt-4o-mini", Table);

        Assert.True(pricing.IsPriced("gpt-4o-mini-2024-07-18"));
        Assert.Equal(0.00036m, pricing.Cost("gpt-4o-mini-2024-07-18", 1_200, 300));
    }

    [Fact]
    public void A_model_the_table_does_not_name_costs_nothing_and_says_it_is_not_priced()
    {
        var pricing = new ModelPricing(ModelProviders.OpenAICompatible, "llama3", Table);

        Assert.Equal(0m, pricing.Cost("llama3", 5_000, 5_000));
        Assert.False(pricing.IsPriced("llama3"));
        Assert.True(pricing.IsPriced("gpt-4o-mini"));
        Assert.Equal(0m, pricing.Cost("free-local", 5_000, 5_000));
    }

    [Fact]
    public void The_simulator_costs_nothing_even_with_a_price_for_its_model()
    {
        var pricing = new ModelPricing(ModelProviders.Simulator, ModelProviders.SimulatorModel, new Dictionary<string, ModelPrice>
        {
            [ModelProviders.SimulatorModel] = new() { InputPerMillion = 5m, OutputPerMillion = 15m },
        });

        Assert.True(pricing.Simulated);
        Assert.False(pricing.IsPriced(ModelProviders.SimulatorModel));
        Assert.Equal(0m, pricing.Cost(ModelProviders.SimulatorModel, 10_000, 10_000));
    }

    [Theory]
    [InlineData("-1", "2", "Orchestrator:Model:Prices:gpt-4o:InputPerMillion")]
    [InlineData("1", "-0.5", "Orchestrator:Model:Prices:gpt-4o:OutputPerMillion")]
    public void A_negative_price_is_refused_naming_the_setting(string input, string output, string expected)
    {
        var options = new ModelOptions
        {
            Endpoint = ModelOptions.DefaultSimulatorEndpoint,
            Prices = new() { ["gpt-4o"] = new ModelPrice { InputPerMillion = decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture), OutputPerMillion = decimal.Parse(output, System.Globalization.CultureInfo.InvariantCulture) } },
        };

        var failures = ModelOptionsValidator.Failures(options).ToList();

        var failure = Assert.Single(failures);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.Contains("Orchestrator__Model__Prices__gpt-4o__", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_with_a_negative_price_stops_at_start_naming_the_setting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ModelHost.StartAsync(new Dictionary<string, string?>
        {
            ["Orchestrator:Model:Prices:gpt-4o:InputPerMillion"] = "2.5",
            ["Orchestrator:Model:Prices:gpt-4o:OutputPerMillion"] = "-10",
        }));

        Assert.Contains("Orchestrator:Model:Prices:gpt-4o:OutputPerMillion", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_that_is_not_a_number_stops_the_service_naming_the_setting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ModelHost.StartAsync(new Dictionary<string, string?>
        {
            ["Orchestrator:Model:Prices:gpt-4o:InputPerMillion"] = "two dollars",
        }));

        Assert.Contains("Orchestrator:Model:Prices:gpt-4o:InputPerMillion is not a number", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Orchestrator__Model__Prices__gpt-4o__InputPerMillion", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_price_table_is_read_from_configuration()
    {
        await using var host = await ModelHost.StartAsync(new Dictionary<string, string?>
        {
            ["Orchestrator:Model:Provider"] = "openai-compatible",
            ["Orchestrator:Model:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Orchestrator:Model:Model"] = "llama3",
            ["Orchestrator:Model:Prices:llama3:InputPerMillion"] = "2",
            ["Orchestrator:Model:Prices:llama3:OutputPerMillion"] = "8",
        });

        var pricing = host.Services.GetRequiredService<ModelPricing>();

        Assert.True(pricing.IsPriced("llama3"));
        Assert.True(host.Services.GetRequiredService<ModelProviderInfo>().Priced);
        Assert.Equal(0.002m + 0.008m, pricing.Cost("llama3", 1_000, 1_000));
    }
}
