namespace Skein.Host.Plugins.Validation;

/// <summary>Either every reason an upload was rejected, or the accepted upload; never both.</summary>
internal sealed class ValidationResult
{
    private ValidationResult(IReadOnlyList<UploadProblem> problems, ValidatedUpload? upload)
    {
        Problems = problems;
        Upload = upload;
    }

    /// <summary>Every problem found; empty when the upload was accepted.</summary>
    public IReadOnlyList<UploadProblem> Problems { get; }

    /// <summary>The accepted upload; null when there are problems.</summary>
    public ValidatedUpload? Upload { get; }

    public bool IsAccepted => Upload is not null;

    public static ValidationResult Accepted(ValidatedUpload upload) => new([], upload);

    public static ValidationResult Rejected(IReadOnlyList<UploadProblem> problems)
    {
        if (problems.Count == 0)
        {
            throw new ArgumentException("A rejection needs at least one problem.", nameof(problems));
        }

        return new(problems, null);
    }
}
