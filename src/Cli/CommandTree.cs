using Skein.Cli.Commands;
using Spectre.Console.Cli;

namespace Skein.Cli;

/// <summary>Every command of DESIGN §11, spelled as there.</summary>
internal static class CommandTree
{
    public static void Add(IConfigurator config)
    {
        config.AddCommand<LoginCommand>("login")
            .WithExample("login", "--url", "http://127.0.0.1:5080", "--key", "sk_…", "--tenant", "acme");
        config.AddBranch("tenants", tenants =>
        {
            tenants.SetDescription("Create, list and delete tenants, and manage their keys (operator key).");
            tenants.AddCommand<TenantCreateCommand>("create");
            tenants.AddCommand<TenantListCommand>("list");
            tenants.AddCommand<TenantDeleteCommand>("delete");
            tenants.AddCommand<TenantKeysCommand>("keys");
        });
        config.AddCommand<DeployCommand>("deploy").WithExample("deploy", "src/Acme.Orders/Acme.Orders.csproj");
        config.AddBranch("deployments", deployments =>
        {
            deployments.SetDescription("The tenant's deployment versions.");
            deployments.AddCommand<DeploymentListCommand>("list");
            deployments.AddCommand<DeploymentActivateCommand>("activate");
        });
        config.AddCommand<StartCommand>("start").WithExample("start", "order", "--params", "{\"orderId\":\"o-1\"}", "--wait", "30s");
        config.AddBranch("instances", instances =>
        {
            instances.SetDescription("List, inspect and control instances.");
            instances.AddCommand<InstanceListCommand>("list");
            instances.AddCommand<InstanceDescribeCommand>("describe");
            instances.AddCommand<InstanceWatchCommand>("watch");
            instances.AddCommand<InstancePauseCommand>("pause");
            instances.AddCommand<InstanceResumeCommand>("resume");
            instances.AddCommand<InstanceTerminateCommand>("terminate");
            instances.AddCommand<InstanceRestartCommand>("restart");
            instances.AddCommand<InstanceDeleteCommand>("delete");
        });
        config.AddCommand<EventCommand>("event").WithExample("event", "o-1", "approval", "--payload", "{\"approved\":true}");
        config.AddCommand<LogsCommand>("logs");
        config.AddCommand<BackupCommand>("backup").WithExample("backup", "acme", "-o", "acme.zip");
        config.AddCommand<RestoreCommand>("restore");
        config.AddCommand<NodesCommand>("nodes");
        config.AddCommand<MoveCommand>("move").WithExample("move", "acme", "--to", "b");
    }
}
