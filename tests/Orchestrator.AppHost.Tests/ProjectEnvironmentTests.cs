using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Tests;

public class ProjectEnvironmentTests
{
    private static readonly Func<string, string?> EmptyEnvironment = _ => null;

    [Fact]
    public void A_service_gets_its_url_connection_strings_and_telemetry_name()
    {
        var (_, _, _, planner, _) = TestApplication.CreateOrchestrator();

        var environment = ProjectEnvironment.Create(planner.Resource, 4242, EmptyEnvironment);

        Assert.Equal("http://127.0.0.1:5101", environment["ASPNETCORE_URLS"]);
        Assert.Equal("Host=127.0.0.1;Port=55432;Database=orchestrator;Username=postgres", environment["ConnectionStrings__postgres"]);
        Assert.Equal("amqp://guest:guest@127.0.0.1:55672/", environment["ConnectionStrings__rabbitmq"]);
        Assert.Equal("planner", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("true", environment["Orchestrator__EventStore__RunDaemon"]);
        Assert.Equal("4242", environment["ORCHESTRATOR_PARENT_PID"]);
        Assert.False(environment.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("services__", StringComparison.Ordinal));
    }

    [Fact]
    public void The_gateway_discovers_the_services_it_references_and_gets_its_own_variables()
    {
        var (_, _, _, _, gateway) = TestApplication.CreateOrchestrator();

        var environment = ProjectEnvironment.Create(gateway.Resource, 1, EmptyEnvironment);

        Assert.Equal("http://127.0.0.1:5101", environment["services__planner__http__0"]);
        Assert.Equal("http://127.0.0.1:5102", environment["services__executor__http__0"]);
        Assert.Equal("http://127.0.0.1:8080", environment["ASPNETCORE_URLS"]);
        Assert.Equal("/srv/web", environment["Gateway__WebRoot"]);
        Assert.False(environment.ContainsKey("ConnectionStrings__postgres"));
    }

    [Fact]
    public void Development_is_the_default_environment_but_the_hosts_own_choice_wins()
    {
        var (_, _, _, planner, _) = TestApplication.CreateOrchestrator();

        var byDefault = ProjectEnvironment.Create(planner.Resource, 1, EmptyEnvironment);
        var chosen = ProjectEnvironment.Create(planner.Resource, 1, name => name == "ASPNETCORE_ENVIRONMENT" ? "Staging" : null);

        Assert.Equal("Development", byDefault["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("Development", byDefault["DOTNET_ENVIRONMENT"]);
        Assert.Equal("Staging", chosen["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("Development", chosen["DOTNET_ENVIRONMENT"]);
    }

    [Fact]
    public void The_otlp_endpoint_is_passed_through_when_the_host_has_one()
    {
        var (_, _, _, planner, _) = TestApplication.CreateOrchestrator();

        var environment = ProjectEnvironment.Create(planner.Resource, 1, name => name == "OTEL_EXPORTER_OTLP_ENDPOINT" ? "http://127.0.0.1:4317" : null);

        Assert.Equal("http://127.0.0.1:4317", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    [Fact]
    public void Configured_ports_replace_the_defaults_everywhere_they_appear()
    {
        var (_, _, _, planner, gateway) = TestApplication.CreateOrchestrator(
            "--Orchestrator:Postgres:Port=6432", "--Orchestrator:RabbitMQ:Port=6672", "--Orchestrator:Planner:Port=6101", "--Orchestrator:Gateway:Port=6080");

        var plannerEnvironment = ProjectEnvironment.Create(planner.Resource, 1, EmptyEnvironment);
        var gatewayEnvironment = ProjectEnvironment.Create(gateway.Resource, 1, EmptyEnvironment);

        Assert.Equal("http://127.0.0.1:6101", plannerEnvironment["ASPNETCORE_URLS"]);
        Assert.Contains("Port=6432", plannerEnvironment["ConnectionStrings__postgres"], StringComparison.Ordinal);
        Assert.Equal("amqp://guest:guest@127.0.0.1:6672/", plannerEnvironment["ConnectionStrings__rabbitmq"]);
        Assert.Equal("http://127.0.0.1:6101", gatewayEnvironment["services__planner__http__0"]);
        Assert.Equal("http://127.0.0.1:6080", gatewayEnvironment["ASPNETCORE_URLS"]);
    }

    [Fact]
    public void Configured_servers_are_used_as_given_and_nothing_local_is_planned_for_them()
    {
        var (_, postgres, rabbitmq, planner, _) = TestApplication.CreateOrchestrator(
            "--ConnectionStrings:postgres=Host=db.internal;Database=orders", "--ConnectionStrings:rabbitmq=amqp://u:p@mq.internal:5672/");

        var environment = ProjectEnvironment.Create(planner.Resource, 1, EmptyEnvironment);

        Assert.Equal("Host=db.internal;Database=orders", environment["ConnectionStrings__postgres"]);
        Assert.Equal("amqp://u:p@mq.internal:5672/", environment["ConnectionStrings__rabbitmq"]);
        Assert.Empty(postgres.Resource.Ports);
        Assert.Empty(rabbitmq.Resource.Ports);
    }
}
