using Skein.Cli.Http;
using Spectre.Console;

namespace Skein.Cli.Output;

/// <summary>A refusal as a person reads it: the problem's title and detail, every reason, and an upload's report as a table.</summary>
internal static class ErrorReport
{
    public static void Write(IAnsiConsole console, ProblemException problem)
    {
        console.Line("error: " + problem.Message);
        foreach (var reason in problem.Reasons)
        {
            console.Line("  - " + reason);
        }

        if (problem.UploadProblems is { Count: > 0 } uploads)
        {
            var table = Render.Table("code", "where", "reason");
            foreach (var upload in uploads)
            {
                table.Row(upload.Code, upload.Where, upload.Reason);
            }

            console.Write(table);
        }
    }
}
