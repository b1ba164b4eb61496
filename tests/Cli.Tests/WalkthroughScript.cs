using System.Text;
using System.Text.RegularExpressions;

namespace Skein.Cli.Tests;

/// <summary>
/// docs/sdk.md's walkthrough (between <c>&lt;!-- walkthrough --&gt;</c> and <c>&lt;!-- /walkthrough --&gt;</c>) as one
/// bash script: its <c>bash</c> blocks verbatim, in order, and each block whose first line is <c>// file: PATH</c> or
/// <c>&lt;!-- file: PATH --&gt;</c> written to PATH where it appears. Other blocks (sample answers, <c>sh</c>) are for
/// reading only. The placeholders are put in the way .ci/readme-tour puts in the key: the <c>SKEIN_REPO=</c> and
/// <c>KEY=</c> lines are replaced, and the host address is replaced wherever it appears.
/// </summary>
internal sealed partial class WalkthroughScript
{
    public const string DocumentedUrl = "http://127.0.0.1:5080";

    /// <summary>The part a tenant developer repeats, timed: from <c>dotnet new skein-workflow</c> to the describe.</summary>
    public const string LoopStart = "dotnet new skein-workflow";
    public const string LoopEnd = "skein instances describe";

    private const string Eof = "SKEIN_WALKTHROUGH_EOF";

    private WalkthroughScript(string script, string loop, IReadOnlyList<string> commands)
    {
        Script = script;
        Loop = loop;
        Commands = commands;
    }

    /// <summary>The whole walkthrough, with <c>walkthrough-loop: N ms</c> printed after the loop.</summary>
    public string Script { get; }

    /// <summary>The loop alone (files and commands), to run again in the same folder.</summary>
    public string Loop { get; }

    /// <summary>Every shell command, as substituted, to check the walkthrough still does what it promises.</summary>
    public IReadOnlyList<string> Commands { get; }

    public static WalkthroughScript FromMarkdown(string markdown, string repository, string key, string url)
    {
        var start = markdown.IndexOf("<!-- walkthrough -->", StringComparison.Ordinal);
        var end = markdown.IndexOf("<!-- /walkthrough -->", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException("docs/sdk.md has no <!-- walkthrough --> … <!-- /walkthrough --> section.");
        }

        var script = new StringBuilder();
        var loop = new StringBuilder();
        var commands = new List<string>();
        var (repositorySet, keySet, inLoop, loopDone) = (false, false, false, false);
        foreach (Match block in Fence().Matches(markdown[start..end]))
        {
            var language = block.Groups["lang"].Value;
            var body = block.Groups["body"].Value;
            var file = FileMarker().Match(body);
            if (language == "bash")
            {
                foreach (var raw in body.Split('\n'))
                {
                    var line = raw.Replace(DocumentedUrl, url, StringComparison.Ordinal);
                    if (line.StartsWith("SKEIN_REPO=", StringComparison.Ordinal))
                    {
                        (line, repositorySet) = ($"SKEIN_REPO='{repository}'", true);
                    }
                    else if (line.StartsWith("KEY=", StringComparison.Ordinal))
                    {
                        (line, keySet) = ($"KEY='{key}'", true);
                    }

                    if (!inLoop && !loopDone && line.Contains(LoopStart, StringComparison.Ordinal))
                    {
                        inLoop = true;
                        script.Append("__loop_start=$(date +%s%N); pwd > ~/loop-folder\n");
                    }

                    if (inLoop)
                    {
                        loop.Append(line).Append('\n');
                    }

                    if (line.Trim().Length > 0)
                    {
                        commands.Add(line);
                    }

                    script.Append(line).Append('\n');
                    if (inLoop && line.Contains(LoopEnd, StringComparison.Ordinal))
                    {
                        (inLoop, loopDone) = (false, true);
                        script.Append("echo \"walkthrough-loop: $(( ($(date +%s%N) - __loop_start) / 1000000 )) ms\"\n");
                    }
                }

                continue;
            }

            if (!file.Success)
            {
                continue;
            }

            var text = $"mkdir -p \"$(dirname '{file.Groups["path"].Value}')\"\ncat > '{file.Groups["path"].Value}' <<'{Eof}'\n{body}{Eof}\n";
            script.Append(text);
            if (inLoop)
            {
                loop.Append(text);
            }
        }

        if (!repositorySet || !keySet || !loopDone)
        {
            throw new InvalidOperationException(
                $"The walkthrough lost a line this test relies on: a 'SKEIN_REPO=' line ({repositorySet}), a 'KEY=' line ({keySet}), " +
                $"'{LoopStart}' followed by '{LoopEnd}' ({loopDone}).");
        }

        return new WalkthroughScript(script.ToString(), loop.ToString(), commands);
    }

    [GeneratedRegex(@"^```(?<lang>[a-z]*)\n(?<body>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"\A(?://|<!--)\s*file:\s*(?<path>[^\s>]+)")]
    private static partial Regex FileMarker();
}
