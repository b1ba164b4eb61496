using Skein.Host.Engine;
using Skein.Host.Plugins.Validation;

namespace Skein.Host.Plugins;

/// <summary>An upload failed validation (422); every problem found is listed.</summary>
internal sealed class UploadRejectedException(IReadOnlyList<UploadProblem> problems)
    : EngineException($"The upload was rejected: {problems.Count} problem(s). " + string.Join(" ", problems.Take(20).Select(p => p.Message)))
{
    public IReadOnlyList<UploadProblem> Problems { get; } = problems;
}
