using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Api;

/// <summary>
/// Turns every refusal into an RFC 7807 ProblemDetails with a stable <c>type</c> (<c>urn:skein:problem:{code}</c>)
/// and a message a person can act on. Unexpected failures answer 500 without internals.
/// </summary>
internal sealed partial class ErrorHandler(IProblemDetailsService problems, ILogger<ErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title, detail, errors, instanceStatus) = exception switch
        {
            // First: a full disk is the answer whatever wrapped it (a host fault during an upload, a restore step).
            _ when Storage.StorageFaults.IsDiskFull(exception) => Problem(507, "insufficient-storage", "Insufficient storage",
                Storage.StorageFaults.Describe(context.RequestServices.GetRequiredService<EngineOptions>().DataDir, exception), null, null),
            ApiException api => Problem(api.Status, api.Code, api.Title, api.Message, api.Errors),
            Plugins.UploadRejectedException e => Problem(422, "upload-rejected", "Upload rejected", e.Message, null, null),
            Plugins.HostFaultException e => Problem(500, "host-fault", "The host failed, not the request", e.Message, null, null),
            NotFoundException e => Problem(404, "not-found", "Not found", e.Message, null, null),
            ConflictException e => Problem(409, "conflict", "Conflict with the current state", e.Message, null, e.Status?.Name),
            InvalidRequestException e => Problem(400, "invalid-request", "Invalid request", e.Message,
                e.Field is { } field ? new Dictionary<string, string[]> { [field] = [e.Message] } : null, null),
            TenantFrozenException e => Problem(503, "tenant-frozen", "Tenant is frozen", e.Message, null, null),
            TenantUnavailableException e => Problem(503, "tenant-restoring", "Tenant is being restored", e.Message, null, null),
            PayloadTooLargeException e => Problem(413, "payload-too-large", "Payload too large", e.Message, null, null),
            BadHttpRequestException e when e.StatusCode == 413 => (413, "payload-too-large", "Payload too large",
                "The request body is larger than this endpoint accepts.", null, null),
            BadHttpRequestException e => Problem(e.StatusCode, "bad-request", "Bad request", e.Message, null, null),
            _ => Problem(500, "internal", "Internal error", "The host failed to handle the request; it is logged.", null, null),
        };
        // A host fault was logged where it happened, with its tenant and stage.
        if (status == 500 && exception is not Plugins.HostFaultException)
        {
            LogUnexpected(logger, exception, context.Request.Path);
        }
        else if (status == 507)
        {
            LogDiskFull(logger, exception, context.Request.Path);
        }

        context.Response.StatusCode = status;
        if (status == 503)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        var problem = new ProblemDetails { Status = status, Type = "urn:skein:problem:" + code, Title = title, Detail = detail };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        if (exception is Plugins.UploadRejectedException rejected)
        {
            problem.Extensions["problems"] = rejected.Problems.Select(p => new { p.Code, p.Assembly, p.Type, p.Member, p.Api, p.Message });
        }

        if (instanceStatus is not null)
        {
            problem.Extensions["instanceStatus"] = instanceStatus;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static (int, string, string, string, IDictionary<string, string[]>?, string?) Problem(int status, string code,
        string title, string detail, IDictionary<string, string[]>? errors = null, string? instanceStatus = null) =>
        (status, code, title, detail, errors, instanceStatus);

    [LoggerMessage(EventId = EventIds.UnhandledError, Level = LogLevel.Error, Message = "Unhandled error for {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception error, string path);

    [LoggerMessage(EventId = EventIds.DiskFull, Level = LogLevel.Error, Message = "Refused {Path} with 507: the data folder's disk is full")]
    private static partial void LogDiskFull(ILogger logger, Exception error, string path);
}
