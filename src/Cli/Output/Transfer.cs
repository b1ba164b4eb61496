using Spectre.Console;

namespace Skein.Cli.Output;

/// <summary>A progress bar for an upload or a download, or nothing when the output is JSON for a script.</summary>
internal static class Transfer
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, bool quiet, string description, long? total, Func<Action<long>, Task<T>> work)
    {
        if (quiet)
        {
            return await work(_ => { });
        }

        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: total is > 0 ? total.Value : 1);
                task.IsIndeterminate = total is not > 0;
                var result = await work(done =>
                {
                    if (total is > 0)
                    {
                        task.Value = done;
                    }
                    else
                    {
                        // Unknown size: show the bytes so far, and keep the bar open until the end.
                        task.MaxValue = done + 1;
                        task.Value = done;
                    }
                });
                task.IsIndeterminate = false;
                task.Value = task.MaxValue = Math.Max(1, task.Value);
                task.StopTask();
                return result;
            });
    }
}
