namespace Skein.Host.Plugins.Validation;

/// <summary>
/// Collects every problem of one validation, without duplicates and up to a cap: a hostile upload could otherwise
/// produce a response as large as itself.
/// </summary>
internal sealed class ProblemList
{
    private readonly List<UploadProblem> _problems = [];
    private readonly HashSet<UploadProblem> _seen = [];
    private readonly int _max;
    private int _leftOut;

    public ProblemList(int max) => _max = Math.Max(1, max);

    public bool Any => _problems.Count > 0;

    public void Add(string code, string assembly, string message, string? type = null, string? member = null, string? api = null)
    {
        var problem = new UploadProblem(code, assembly, type, member, api, message);
        if (!_seen.Add(problem))
        {
            return;
        }

        if (_problems.Count < _max)
        {
            _problems.Add(problem);
        }
        else
        {
            _leftOut++;
        }
    }

    public IReadOnlyList<UploadProblem> ToList()
    {
        if (_leftOut == 0)
        {
            return _problems.ToArray();
        }

        var summary = new UploadProblem(UploadProblemCodes.TooManyProblems, _problems[^1].Assembly, null, null, null,
            $"{_leftOut} more problems were found and left out of this list.");
        return [.. _problems, summary];
    }
}
