using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Tests;

public class ResourceStatusTests
{
    [Theory]
    [InlineData(ResourcePhase.Waiting, HealthStatus.Unknown, "starting", "unknown")]
    [InlineData(ResourcePhase.Starting, HealthStatus.Unknown, "starting", "unknown")]
    [InlineData(ResourcePhase.Starting, HealthStatus.Unhealthy, "starting", "unhealthy")]
    [InlineData(ResourcePhase.Running, HealthStatus.Healthy, "running", "healthy")]
    [InlineData(ResourcePhase.Running, HealthStatus.Unhealthy, "unhealthy", "unhealthy")]
    [InlineData(ResourcePhase.Failed, HealthStatus.Unknown, "unhealthy", "unknown")]
    [InlineData(ResourcePhase.Failed, HealthStatus.Unhealthy, "unhealthy", "unhealthy")]
    [InlineData(ResourcePhase.Exited, HealthStatus.Healthy, "exited", "unknown")]
    [InlineData(ResourcePhase.Stopped, HealthStatus.Healthy, "stopped", "unknown")]
    public void Phase_and_health_map_to_the_dashboard_words(ResourcePhase phase, HealthStatus health, string state, string shownHealth)
    {
        Assert.Equal(state, ResourceStatus.State(phase, health));
        Assert.Equal(shownHealth, ResourceStatus.Health(phase, health));
    }

    [Fact]
    public void Every_phase_maps_to_one_of_the_documented_states()
    {
        string[] documented = ["starting", "running", "unhealthy", "exited", "stopped"];
        foreach (var phase in Enum.GetValues<ResourcePhase>())
        {
            foreach (var health in Enum.GetValues<HealthStatus>())
            {
                Assert.Contains(ResourceStatus.State(phase, health), documented);
                Assert.Contains(ResourceStatus.Health(phase, health), new[] { "healthy", "unhealthy", "unknown" });
            }
        }
    }
}
