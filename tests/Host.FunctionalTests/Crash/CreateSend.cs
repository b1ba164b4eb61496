namespace Skein.Host.FunctionalTests.Crash;

/// <summary>
/// One create request the client sent: in which run, whether it re-sent an unacknowledged one, and the status it was
/// answered with (null when the kill cut it off, so it was never acknowledged).
/// </summary>
internal sealed record CreateSend(string Id, int Run, bool Resend, int? Status)
{
    public bool Acknowledged => Status is 200 or 201;

    public override string ToString() => $"{(Resend ? "re-sent" : "sent")} {Id} in run {Run}: {Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}";
}
