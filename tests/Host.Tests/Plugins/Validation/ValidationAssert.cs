using Skein.Host.Plugins.Validation;

namespace Skein.Host.Tests.Plugins.Validation;

/// <summary>Runs the validator the way the upload endpoint will, and asserts on what it reports.</summary>
internal static class ValidationAssert
{
    private static readonly UploadValidator Validator = new();

    public static ValidationResult Validate(byte[] body, UploadKind kind, UploadLimits? limits = null, string? fileName = null) =>
        Validator.Validate(body, kind, limits ?? UploadLimits.Default, fileName);

    public static ValidatedUpload Accepted(ValidationResult result)
    {
        Assert.True(result.IsAccepted, "Expected the upload to be accepted, but:\n" + Describe(result));
        Assert.Empty(result.Problems);
        return result.Upload!;
    }

    /// <summary>The upload was rejected with a problem of this code whose message mentions every one of <paramref name="mentions"/>.</summary>
    public static UploadProblem Rejected(ValidationResult result, string code, params string[] mentions)
    {
        Assert.False(result.IsAccepted, "Expected the upload to be rejected.");
        Assert.Null(result.Upload);
        var match = result.Problems.FirstOrDefault(p => p.Code == code && mentions.All(m => p.Message.Contains(m, StringComparison.Ordinal)));
        Assert.True(match is not null,
            $"Expected a {code} problem mentioning [{string.Join(", ", mentions)}], but got:\n{Describe(result)}");
        return match;
    }

    public static string Describe(ValidationResult result) =>
        string.Join('\n', result.Problems.Select(p => $"  {p.Code} | {p.Assembly} | {p.Type} | {p.Member} | {p.Api} | {p.Message}"));
}
