namespace Skein.Cli.Http;

/// <summary>A live stream cut by the network or the host reads as an operation that failed, never as a stack trace.</summary>
internal static class StreamFailures
{
    public static async Task GuardAsync(SkeinClient client, Func<Task> follow)
    {
        try
        {
            await follow();
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new CliFailure($"The stream from {client.BaseUrl} was cut: {e.Message}");
        }
    }
}
