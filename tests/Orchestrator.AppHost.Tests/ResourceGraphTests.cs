using Orchestrator.AppHost.Hosting;
using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Tests;

public class ResourceGraphTests
{
    [Fact]
    public void Servers_start_first_then_services_then_the_gateway()
    {
        var (builder, _, _, _, _) = TestApplication.CreateOrchestrator();

        var levels = ResourceGraph.StartLevels(builder.Resources);

        Assert.Equal(
            [["postgres", "rabbitmq"], ["planner", "executor"], ["gateway"]],
            levels.Select(level => level.Select(r => r.Name).ToArray()).ToArray());
    }

    [Fact]
    public void A_resource_waiting_for_nothing_starts_in_the_first_level_whatever_order_it_was_added_in()
    {
        var builder = TestApplication.CreateBuilder();
        var late = builder.AddProject("late", "services/Planner/Orchestrator.Planner.csproj");
        var early = builder.AddPostgres("early");
        late.WaitFor(early);
        var loner = builder.AddRabbitMQ("loner");

        var levels = ResourceGraph.StartLevels(builder.Resources);

        Assert.Equal([["early", "loner"], ["late"]], levels.Select(level => level.Select(r => r.Name).ToArray()).ToArray());
    }

    [Fact]
    public void A_cycle_is_refused_and_named()
    {
        var builder = TestApplication.CreateBuilder();
        var a = builder.AddProject("a", "services/Planner/Orchestrator.Planner.csproj");
        var b = builder.AddProject("b", "services/Executor/Orchestrator.Executor.csproj");
        var c = builder.AddProject("c", "services/Gateway/Orchestrator.Gateway.csproj");
        var pg = builder.AddPostgres("pg");
        a.WaitFor(pg).WaitFor(c);
        b.WaitFor(a);
        c.WaitFor(b);

        var error = Assert.Throws<InvalidOperationException>(() => ResourceGraph.StartLevels(builder.Resources));

        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
        Assert.Contains("a → c → b → a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Waiting_for_yourself_is_a_cycle()
    {
        var builder = TestApplication.CreateBuilder();
        var a = builder.AddProject("a", "services/Planner/Orchestrator.Planner.csproj");
        a.WaitFor(a);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Contains("a → a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Waiting_for_a_resource_of_another_application_is_refused()
    {
        var builder = TestApplication.CreateBuilder();
        var stranger = TestApplication.CreateBuilder().AddPostgres("stranger");
        builder.AddProject("a", "services/Planner/Orchestrator.Planner.csproj").WaitFor(stranger);

        var error = Assert.Throws<InvalidOperationException>(() => ResourceGraph.StartLevels(builder.Resources));

        Assert.Contains("'stranger', which was not added", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_resources_on_one_port_are_refused()
    {
        var builder = TestApplication.CreateBuilder();
        builder.AddProject("a", "services/Planner/Orchestrator.Planner.csproj").WithHttpEndpoint(6000);
        builder.AddProject("b", "services/Executor/Orchestrator.Executor.csproj").WithHttpEndpoint(6000);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Contains("Port 6000 is given to both 'a' and 'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_on_the_dashboard_port_is_refused()
    {
        var builder = TestApplication.CreateBuilder("--Orchestrator:Dashboard:Port=7000");
        builder.AddProject("a", "services/Planner/Orchestrator.Planner.csproj").WithHttpEndpoint(7000);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Contains("the dashboard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resource_names_are_unique_regardless_of_case()
    {
        var builder = TestApplication.CreateBuilder();
        builder.AddPostgres("db");

        Assert.Throws<ArgumentException>(() => builder.AddRabbitMQ("DB"));
    }

    [Fact]
    public void A_project_file_that_does_not_exist_is_refused_when_added()
    {
        var builder = TestApplication.CreateBuilder();

        var error = Assert.Throws<ArgumentException>(() => builder.AddProject("ghost", "services/Ghost/Ghost.csproj"));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
