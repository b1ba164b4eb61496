using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Skein.Host.Egress;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of a tenant's handler: it resolves the name itself and checks
/// each address against the policy before opening a socket to it, so the address judged is the address connected to
/// (a name that resolves to 127.0.0.1, or a redirect to one, is refused the same as the literal) and a refused call
/// sends no packet at all.
/// </summary>
internal sealed partial class EgressConnector(string tenant, EgressPolicy policy, ILogger logger)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var port = context.DnsEndPoint.Port;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        EgressRefusedException? refused = null;
        Exception? failed = null;
        foreach (var resolved in addresses)
        {
            var address = AddressRanges.Unwrap(resolved);
            if (policy.Refusal(host, address, port) is { } range)
            {
                LogRefused(logger, tenant, host, port, address.ToString(), range);
                refused ??= new EgressRefusedException(tenant, address, range);
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception error) when (error is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                if (error is OperationCanceledException)
                {
                    throw;
                }

                failed = error;
            }
        }

        // A name with no permitted address is reported as refused, even if a permitted one also failed to connect.
        throw (Exception?)refused ?? failed ?? new SocketException((int)SocketError.HostNotFound);
    }

    [LoggerMessage(EventId = EventIds.EgressRefused, Level = LogLevel.Warning,
        Message = "Outbound call of tenant {Tenant} to {Host}:{Port} ({Address}) refused by the egress policy ({Range})")]
    private static partial void LogRefused(ILogger logger, string tenant, string host, int port, string address, string range);
}
