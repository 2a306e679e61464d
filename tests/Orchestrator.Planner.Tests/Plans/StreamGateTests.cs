using Orchestrator.Eventing;

namespace Orchestrator.Planner.Tests.Plans;

public sealed class StreamGateTests
{
    private static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task A_second_writer_of_the_same_stream_waits_until_the_first_is_done()
    {
        var gate = new StreamGate();
        var plan = Guid.NewGuid();

        var first = await gate.EnterAsync(plan, CancellationToken.None);
        var second = gate.EnterAsync(plan, CancellationToken.None);
        await Task.Delay(Moment);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task Disposing_a_turn_twice_passes_it_on_only_once()
    {
        var gate = new StreamGate();
        var plan = Guid.NewGuid();

        var first = await gate.EnterAsync(plan, CancellationToken.None);
        first.Dispose();
        var second = await gate.EnterAsync(plan, CancellationToken.None);
        first.Dispose();
        var third = gate.EnterAsync(plan, CancellationToken.None);
        await Task.Delay(Moment);
        Assert.False(third.IsCompleted);

        second.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task A_waiting_writer_can_give_up()
    {
        var gate = new StreamGate();
        var plan = Guid.NewGuid();
        using var first = await gate.EnterAsync(plan, CancellationToken.None);
        using var cancel = new CancellationTokenSource(Moment);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(plan, cancel.Token));
    }
}
