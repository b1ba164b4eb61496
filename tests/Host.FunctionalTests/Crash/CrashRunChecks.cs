namespace Skein.Host.FunctionalTests.Crash;

/// <summary>The assertions of <see cref="RealHostCrashTests"/> over what its runs left: each failure is a line of the report.</summary>
internal static class CrashRunChecks
{
    public static List<string> Check(CrashRunRecord run, IReadOnlyDictionary<string, (int Version, string Output, string Status)> finished)
    {
        var problems = new List<string>();
        CheckSnapshots(run, problems);
        CheckSteps(run, problems);
        CheckCreates(run, problems);
        CheckInstances(run, finished, problems);
        return problems;
    }

    /// <summary>Each copy is a sound database, and holds everything the one before it held, unchanged.</summary>
    private static void CheckSnapshots(CrashRunRecord run, List<string> problems)
    {
        for (var k = 0; k < run.Snapshots.Count; k++)
        {
            var snapshot = run.Snapshots[k];
            if (snapshot.IntegrityCheck != "ok")
            {
                problems.Add($"the log after run {k + 1} fails integrity_check: {snapshot.IntegrityCheck}");
            }

            if (k == 0)
            {
                continue;
            }

            var before = run.Snapshots[k - 1];
            problems.AddRange(before.Steps
                .Where(s => !snapshot.Steps.TryGetValue(s.Key, out var now) || now != s.Value)
                .Select(s => $"{s.Key} was committed with {s.Value} after run {k}, and after run {k + 1} it is {snapshot.Steps.GetValueOrDefault(s.Key) ?? "gone"}"));
            problems.AddRange(before.Instances.Keys.Where(id => !snapshot.Instances.ContainsKey(id))
                .Select(id => $"instance {id} was in the log after run {k} and is gone after run {k + 1}"));
        }
    }

    /// <summary>
    /// A step committed as of kill k never ran again, and the value it logged is the one its execution in the run
    /// that committed it printed (one execution per run: its steps never fail by themselves).
    /// </summary>
    private static void CheckSteps(CrashRunRecord run, List<string> problems)
    {
        var effects = run.Effects.ToLookup(e => e.StepKey);
        var committedIn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < run.Snapshots.Count; k++)
        {
            foreach (var step in run.Snapshots[k].Steps.Keys)
            {
                committedIn.TryAdd(step, k + 1);
            }
        }

        var expected = run.PinnedTo.Keys.SelectMany(id => RealHostCrashWorkflow.Steps.Select(s => $"{id} {s}")).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(expected.Where(s => !committedIn.ContainsKey(s)).Select(s => $"{s} was never committed"));
        problems.AddRange(committedIn.Keys.Where(s => !expected.Contains(s)).Select(s => $"an unknown step {s} was committed"));
        problems.AddRange(effects.Where(g => !committedIn.ContainsKey(g.Key)).Select(g => $"{g.Key} ran ({g.First()}) but never committed"));

        foreach (var (step, committedRun) in committedIn)
        {
            var logged = run.Snapshots[committedRun - 1].Steps[step];
            var ran = effects[step].ToList();
            problems.AddRange(ran.Where(e => e.Run > committedRun)
                .Select(e => $"{step} was committed as of kill {committedRun} with {logged}, and ran again: {e}"));
            problems.AddRange(ran.GroupBy(e => e.Run).Where(g => g.Count() > 1)
                .Select(g => $"{step} ran {g.Count()} times in run {g.Key}: {string.Join("; ", g)}"));
            var committing = ran.Where(e => e.Run == committedRun).ToList();
            if (committing.Count != 1 || committing[0].Value != logged)
            {
                problems.Add($"{step} was committed in run {committedRun} with {logged}, but that run printed " +
                    $"[{string.Join("; ", committing)}] (all its runs: [{string.Join("; ", ran)}])");
            }
        }

        // Commit before continue: a step that ran in a killed run found the steps before it committed, so the copy
        // taken after that kill holds them.
        problems.AddRange(run.Effects
            .Where(e => e.Run < run.Snapshots.Count)
            .SelectMany(e => RealHostCrashWorkflow.After.GetValueOrDefault(e.Step, []).Select(before => (Effect: e, Before: $"{e.Instance} {before}")))
            .Where(x => !run.Snapshots[x.Effect.Run - 1].Steps.ContainsKey(x.Before))
            .Select(x => $"{x.Effect.StepKey} ran ({x.Effect}) before {x.Before} was committed: the copy after kill {x.Effect.Run} does not hold it"));

        if (!effects.Any(g => g.Select(e => e.Run).Distinct().Count() > 1))
        {
            problems.Add("no step ran in two runs: no kill landed between a side effect and its commit, so the test proved nothing about re-runs");
        }
    }

    /// <summary>
    /// An answered create is never sent again; an unanswered one is re-sent in the next run with the same id and
    /// answered 200 when the log copied before that run held it, 201 when it did not. An answered create is in the
    /// copy taken after the kill that ended its run.
    /// </summary>
    private static void CheckCreates(CrashRunRecord run, List<string> problems)
    {
        foreach (var sends in run.Sends.GroupBy(s => s.Id))
        {
            var list = sends.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                var send = list[i];
                if (i > 0 && list[i - 1].Acknowledged)
                {
                    problems.Add($"{send}: re-sent after it was answered ({list[i - 1]})");
                }

                if (send.Resend != (i > 0) || (i > 0 && send.Run != list[i - 1].Run + 1))
                {
                    problems.Add($"{send}: not the re-send of an unanswered create in the run before ({string.Join("; ", list)})");
                }

                var expected = !send.Resend ? 201 : run.Snapshots[send.Run - 2].Instances.ContainsKey(send.Id) ? 200 : 201;
                if (send.Status is { } status && status != expected)
                {
                    problems.Add($"{send}: expected {expected}");
                }

                if (send.Acknowledged && send.Run <= run.Snapshots.Count - 1 && !run.Snapshots[send.Run - 1].Instances.ContainsKey(send.Id))
                {
                    problems.Add($"{send}, yet the log copied after that run's kill does not hold it");
                }
            }

            if (!list[^1].Acknowledged)
            {
                problems.Add($"{sends.Key} was never answered: {string.Join("; ", list)}");
            }
        }
    }

    /// <summary>
    /// Every instance complete on the version it was pinned to, with the logged values as its result; and the test
    /// exercised pinning: an instance of version 1 was still unfinished when version 2 was uploaded.
    /// </summary>
    private static void CheckInstances(CrashRunRecord run, IReadOnlyDictionary<string, (int Version, string Output, string Status)> finished,
        List<string> problems)
    {
        var last = run.Snapshots[^1];
        problems.AddRange(last.Instances.Keys.Where(id => !run.PinnedTo.ContainsKey(id)).Select(id => $"an unknown instance {id} is in the log"));
        foreach (var (id, version) in run.PinnedTo)
        {
            var values = RealHostCrashWorkflow.Steps.Select(s => last.Steps.GetValueOrDefault($"{id} {s}") ?? "?");
            var expected = RealHostCrashWorkflow.Result(version, values);
            var seen = finished.TryGetValue(id, out var f) ? f : (0, "not described", "missing");
            if (seen != (version, expected, "complete"))
            {
                problems.Add($"instance {id} ended {seen.Item3} on version {seen.Item1} with \"{seen.Item2}\"; expected complete on version {version} with \"{expected}\"");
            }

            if (!last.Instances.TryGetValue(id, out var logged) || logged != (version, "complete", expected))
            {
                problems.Add($"instance {id} is logged as {logged}; expected ({version}, complete, {expected})");
            }
        }

        if (last.Steps.Count == run.Snapshots[^2].Steps.Count)
        {
            problems.Add("the last run committed no step: it had no cut-off work to recover and finish");
        }

        // The copy taken after the kill that ended the run before the upload: what the upload's run started on.
        var atUpload = run.Snapshots[run.VersionTwoRun - 2];
        if (!atUpload.Instances.Values.Any(i => i.Version == 1 && i.Status != "complete"))
        {
            problems.Add("no instance of version 1 was unfinished when version 2 was uploaded: pinning across the upload was not exercised");
        }
    }
}
