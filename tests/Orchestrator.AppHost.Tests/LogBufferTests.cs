using Orchestrator.AppHost.Orchestration;

namespace Orchestrator.AppHost.Tests;

public class LogBufferTests
{
    [Fact]
    public void Only_the_most_recent_lines_are_kept()
    {
        var log = new LogBuffer(capacity: 3);
        foreach (var i in Enumerable.Range(1, 5))
        {
            log.Add($"line {i}");
        }

        Assert.Equal(["line 3", "line 4", "line 5"], log.Recent().Select(l => l.Text));
        Assert.Equal(["line 5"], log.Recent(tail: 1).Select(l => l.Text));
        Assert.Equal(5, log.Recent()[^1].Sequence);
    }

    [Fact]
    public async Task Following_replays_the_kept_lines_then_streams_new_ones()
    {
        var log = new LogBuffer();
        log.Add("before");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new List<string>();

        var reading = Task.Run(async () =>
        {
            await foreach (var line in log.Follow(stop.Token))
            {
                received.Add(line.Text);
                if (received.Count == 3)
                {
                    break;
                }
            }
        });
        while (received.Count == 0)
        {
            await Task.Delay(10);
        }

        log.Add("after", fromAppHost: true);
        log.Add("later");
        await reading;

        Assert.Equal(["before", "after", "later"], received);
    }

    [Fact]
    public async Task Following_ends_when_cancelled()
    {
        var log = new LogBuffer();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var count = 0;
        await foreach (var _ in log.Follow(stop.Token))
        {
            count++;
        }

        Assert.Equal(0, count);
    }
}
