using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Skein.Shared;

namespace Skein.Router.Api;

/// <summary>
/// A change of the router's own database (a re-point, a move, a placement) that fails because the disk holding the
/// router's data folder is full answers 507 with the host's <c>insufficient-storage</c> problem type and what to do,
/// not a bare 500; nothing was changed (the SQLite transaction rolled back). Every other failure is left to the
/// default handler (500).
/// </summary>
internal sealed partial class RouterErrorHandler(IOptions<RouterOptions> options, ILogger<RouterErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!DiskFullErrors.Is(exception) || context.Response.HasStarted)
        {
            return false;
        }

        LogDiskFull(logger, exception, context.Request.Method, context.Request.Path);
        await RouterProblem.InsufficientStorage($"The {RouterProblem.RouterDisk(options.Value.DataDir)} is full, so the request was not " +
            "carried out. Free space on that disk (or grow it) and retry.").ExecuteAsync(context);
        return true;
    }

    [LoggerMessage(EventId = EventIds.DiskFull, Level = LogLevel.Error, Message = "Refused {Method} {Path} with 507: the router's data folder's disk is full")]
    private static partial void LogDiskFull(ILogger logger, Exception exception, string method, string path);
}
