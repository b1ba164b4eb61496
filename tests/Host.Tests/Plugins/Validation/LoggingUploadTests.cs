using Microsoft.CodeAnalysis;
using Skein.Host.Plugins.Validation;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins.Validation;

/// <summary>
/// Workflow code logs through the ILogger it is given: the extension methods and <c>LoggerMessage.Define</c> (what
/// the <c>[LoggerMessage]</c> generator emits) pass the scan; a logger factory of its own does not.
/// </summary>
public sealed class LoggingUploadTests
{
    [Fact]
    public void Logging_through_the_given_loggers_passes_the_scan()
    {
        var dll = TestAssemblies.Compile("MyTenant", """
            using Microsoft.Extensions.Logging;
            using Microsoft.Extensions.Logging.Abstractions;

            namespace MyTenant;

            [Workflow("logged")]
            public sealed class LoggedWorkflow : Workflow<string, int>
            {
                private static readonly Action<ILogger, string, Exception?> Started =
                    LoggerMessage.Define<string>(LogLevel.Information, new EventId(1, "Started"), "started {Id}",
                        new LogDefineOptions { SkipEnabledCheck = true });

                public override async Task<int> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct)
                {
                    Started(step.Logger, e.InstanceId, null);
                    if (step.Logger.IsEnabled(LogLevel.Debug))
                    {
                        step.Logger.LogDebug(new EventId(2), "debugging {Payload}", e.Payload);
                    }

                    using (step.Logger.BeginScope("scope {Id}", e.InstanceId))
                    {
                        step.Logger.Log(LogLevel.Warning, "as {Level}", LogLevel.Warning);
                    }

                    ILogger quiet = NullLogger.Instance;
                    quiet.LogCritical("nowhere");
                    return await step.Do("n", ctx =>
                    {
                        ctx.Logger.LogError(new InvalidOperationException("x"), "failed {Count}", ctx.Count);
                        return Task.FromResult(1);
                    });
                }
            }
            """);

        ValidationAssert.Accepted(ValidationAssert.Validate(dll, UploadKind.Dll));
    }

    [Fact]
    public void A_logger_factory_of_its_own_is_refused_naming_it()
    {
        var dll = TestAssemblies.Compile("MyTenant", $$"""
            {{TestAssemblies.OrderWorkflow}}

            public static class Evil
            {
                public static Microsoft.Extensions.Logging.ILoggerFactory Run() =>
                    Microsoft.Extensions.Logging.LoggerFactory.Create(builder => { });
            }
            """, references:
            [
                MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.LoggerFactory).Assembly.Location),
            ]);

        ValidationAssert.Rejected(ValidationAssert.Validate(dll, UploadKind.Dll), UploadProblemCodes.ApiNotAllowed,
            "Microsoft.Extensions.Logging.LoggerFactory", "creating loggers and providers is the host's");
    }
}
