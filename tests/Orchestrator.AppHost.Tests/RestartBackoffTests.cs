using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Tests;

public class RestartBackoffTests
{
    [Fact]
    public void Delays_double_from_one_second_and_stop_at_thirty()
    {
        var delays = Enumerable.Range(1, 8).Select(failures => RestartBackoff.Delay(failures).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Fact]
    public void A_very_long_crash_streak_still_waits_thirty_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), RestartBackoff.Delay(10_000));
    }

    [Fact]
    public void There_is_no_delay_before_the_first_failure()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RestartBackoff.Delay(0));
    }

    [Fact]
    public void Quick_crashes_lengthen_the_streak()
    {
        Assert.Equal(4, RestartBackoff.CountFailure(3, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_crash_after_a_long_stable_run_starts_the_schedule_over()
    {
        var failures = RestartBackoff.CountFailure(6, RestartBackoff.StableAfter);

        Assert.Equal(1, failures);
        Assert.Equal(TimeSpan.FromSeconds(1), RestartBackoff.Delay(failures));
    }
}
