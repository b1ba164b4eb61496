using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// Awaits whose tasks end on other threads come back to the instance's scheduler: no two pieces of one instance's
/// code run at once, however many chains of awaits it has.
/// </summary>
public sealed class SerialSchedulerTests
{
    private readonly WorkInFlight _work = new();

    [Fact]
    public async Task Awaits_ending_on_other_threads_never_run_two_pieces_of_one_instance_at_once()
    {
        var scheduler = new SerialTaskScheduler(() => { }, _work);
        var inside = 0;
        var most = 0;

        var chains = Enumerable.Range(0, 8).Select(_ => scheduler.Run(async () =>
        {
            Piece();
            for (var k = 0; k < 200; k++)
            {
                // Ends on a pool thread, then returns on the scheduler: both resumptions belong to the scheduler.
                await Inner();
                Piece();
            }
        })).ToArray();
        await Task.WhenAll(chains).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, most);

        async Task Inner()
        {
            await Task.Run(() => { });
            Piece();
        }

        void Piece()
        {
            var now = Interlocked.Increment(ref inside);
            var seen = Volatile.Read(ref most);
            while (now > seen && Interlocked.CompareExchange(ref most, now, seen) != seen)
            {
                seen = Volatile.Read(ref most);
            }

            Thread.SpinWait(2000);
            Interlocked.Decrement(ref inside);
        }
    }
}
