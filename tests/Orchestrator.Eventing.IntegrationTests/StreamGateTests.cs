using Orchestrator.Eventing;

namespace Orchestrator.Eventing.IntegrationTests;

/// <summary>The stream gate: writers of one stream in this process take turns; a turn passed on twice frees it once; waiting can be cancelled.</summary>
public sealed class StreamGateTests
{
    [Fact]
    public async Task Writers_of_one_stream_take_turns()
    {
        var gate = new StreamGate();
        var stream = Guid.NewGuid();
        var inside = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            using var turn = await gate.EnterAsync(stream, CancellationToken.None);
            most = Math.Max(most, Interlocked.Increment(ref inside));
            await Task.Delay(5);
            Interlocked.Decrement(ref inside);
        }));

        Assert.Equal(1, most);
    }

    [Fact]
    public async Task A_second_writer_waits_until_the_turn_is_passed_on_and_passing_it_twice_frees_it_once()
    {
        var gate = new StreamGate();
        var stream = Guid.NewGuid();
        var first = await gate.EnterAsync(stream, CancellationToken.None);
        var second = gate.EnterAsync(stream, CancellationToken.None);

        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        first.Dispose();
        first.Dispose();
        using var secondTurn = await second.WaitAsync(TimeSpan.FromSeconds(5));

        // The double release did not let a third writer in beside the second.
        var third = gate.EnterAsync(stream, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(third.IsCompleted);
        secondTurn.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task Waiting_for_a_turn_can_be_cancelled()
    {
        var gate = new StreamGate();
        var stream = Guid.NewGuid();
        using var held = await gate.EnterAsync(stream, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(stream, cancel.Token));
    }
}
