using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The count of crash recoveries in a row is written only when it changes: a step write of an instance that has no
/// recovery leaves it alone (the fast path gains no statement), a step write after a recovery resets it, and a
/// recovery's own step write does not.
/// </summary>
public sealed class TenantLogRecoveriesTests : IDisposable
{
    private readonly LogInTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_step_write_writes_the_recoveries_in_a_row_only_to_reset_them()
    {
        await _temp.Log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));
        Assert.True(await _temp.Log.MarkRunningAsync("a", 1, 10));
        CountRecoveryWrites();

        Assert.True(await _temp.Log.WriteStepAsync(new StepWrite("a", 1, 0, StepKind.Step, "s0", 1, StepStatus.Complete, 11, Output: "1", EndedAt: 12), 12));
        Assert.Equal(0, RecoveryWrites());

        var charged = await _temp.Log.ChargeCutOffAttemptsAsync("a", [new("a", 1, 1, "call", 1, 1, 20)], maxRecoveries: 5, now: 30);
        Assert.Equal((1, 1), (charged.Charged.Count, charged.Recoveries));
        // The recovery counts itself once: its own step write (the cut-off attempt) resets nothing.
        Assert.Equal(1, RecoveryWrites());

        Assert.True(await _temp.Log.WriteStepAsync(new StepWrite("a", 1, 1, StepKind.Step, "call", 1, StepStatus.Complete, 31, Output: "2", EndedAt: 32,
            Attempt: new AttemptRow(1, 2, 31, 32, true, null, null)), 32));
        Assert.Equal(2, RecoveryWrites());

        var next = await _temp.Log.ChargeCutOffAttemptsAsync("a", [new("a", 1, 2, "more", 1, 1, 40)], maxRecoveries: 5, now: 50);
        Assert.Equal(1, next.Recoveries);
    }

    [Fact]
    public async Task A_recovery_after_another_writes_the_count_once_without_resetting_it_first()
    {
        await _temp.Log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));
        Assert.True(await _temp.Log.MarkRunningAsync("a", 1, 10));
        CountRecoveryWrites();
        Assert.Equal(1, (await _temp.Log.ChargeCutOffAttemptsAsync("a", [new("a", 1, 0, "call", 1, 1, 20)], maxRecoveries: 5, now: 30)).Recoveries);

        var second = await _temp.Log.ChargeCutOffAttemptsAsync("a", [new("a", 1, 0, "call", 1, 2, 40)], maxRecoveries: 5, now: 50);

        Assert.Equal((1, 2), (second.Charged.Count, second.Recoveries));
        // A recovery is no progress: its own step write leaves the count as it was for the recovery to raise.
        Assert.Equal(2, RecoveryWrites());
    }

    /// <summary>Records in the log file every write of the <c>recoveries</c> column, whatever its value.</summary>
    private void CountRecoveryWrites()
    {
        using var connection = SqliteDatabase.OpenPrivate(_temp.Path);
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE recovery_writes (recoveries INTEGER NOT NULL);
            CREATE TRIGGER count_recovery_writes AFTER UPDATE OF recoveries ON instances
            BEGIN INSERT INTO recovery_writes VALUES (NEW.recoveries); END;
            """;
        command.ExecuteNonQuery();
    }

    private int RecoveryWrites()
    {
        using var connection = SqliteDatabase.OpenPrivate(_temp.Path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM recovery_writes";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
