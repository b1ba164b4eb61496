namespace Skein.Host.Tests.Plugins.Validation;

/// <summary>
/// Ordinary workflow code, written to make the compiler emit what it emits in real tenants — async state machines,
/// closures, records, iterators, collection expressions and <c>params</c> spans (which use Unsafe and MemoryMarshal
/// inside the compiler's own helpers), UTF-8 literals, HttpClient and JSON — none of which the allow-list may refuse.
/// </summary>
internal static class EverydayCode
{
    public const string Source = """
        using System.Collections.Concurrent;
        using System.Diagnostics;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Reflection;
        using System.Runtime.CompilerServices;
        using System.Security.Cryptography;
        using System.Text;
        using System.Text.Json;
        using System.Text.RegularExpressions;

        namespace Everyday;

        public sealed record Order(string Id, IReadOnlyList<Line> Lines)
        {
            public decimal Total => Lines.Sum(l => l.Price * l.Quantity);
        }

        public sealed record Line(string Sku, int Quantity, decimal Price);

        public sealed record Receipt(string Id, decimal Total, string Digest, string[] Tags);

        public sealed class Ledger : IDisposable
        {
            private readonly SemaphoreSlim _gate = new(1, 1);
            private readonly ConcurrentDictionary<string, int> _counts = new();
            private readonly Lock _lock = new();
            private int _total;

            public event EventHandler<int>? Changed;

            public async Task AddAsync(string key, CancellationToken ct)
            {
                await _gate.WaitAsync(ct);
                try
                {
                    _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
                    lock (_lock)
                    {
                        _total++;
                    }

                    Interlocked.Increment(ref _total);
                    Changed?.Invoke(this, _total);
                }
                finally
                {
                    _gate.Release();
                }
            }

            public IEnumerable<string> Keys()
            {
                foreach (var key in _counts.Keys.Order())
                {
                    yield return key;
                }
            }

            public async IAsyncEnumerable<int> CountsAsync([EnumeratorCancellation] CancellationToken ct = default)
            {
                foreach (var value in _counts.Values)
                {
                    await Task.Yield();
                    yield return value;
                }
            }

            public void Dispose()
            {
                _gate.Dispose();
                GC.SuppressFinalize(this);
            }
        }

        [Workflow("everyday")]
        public sealed class EverydayWorkflow : Workflow<Order, Receipt>
        {
            private static readonly Regex SkuPattern = new("^[A-Z]{3}-[0-9]+$", RegexOptions.Compiled);

            public override async Task<Receipt> RunAsync(WorkflowEvent<Order> e, WorkflowStep step, CancellationToken ct)
            {
                var order = e.Payload;
                var bad = order.Lines.Where(l => !SkuPattern.IsMatch(l.Sku)).Select(l => l.Sku).ToList();
                if (bad is [var first, ..])
                {
                    throw new NonRetryableException($"Unknown SKU {first} in order {order.Id}");
                }

                using var ledger = new Ledger();
                await Task.WhenAll(ledger.AddAsync("a", ct), ledger.AddAsync("b", ct), ledger.AddAsync("c", ct));
                await foreach (var count in ledger.CountsAsync(ct))
                {
                    Console.WriteLine(count);
                }

                var stock = await step.Do("stock", async ctx =>
                {
                    try
                    {
                        HttpClient http = ctx.Http;
                        var response = await http.PostAsJsonAsync(new Uri("https://example.invalid/stock"), order.Lines, ctx.CancellationToken);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadFromJsonAsync<Dictionary<string, int>>(ctx.CancellationToken) ?? [];
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is System.Net.HttpStatusCode.NotFound)
                    {
                        return new Dictionary<string, int>();
                    }
                });

                await step.Sleep("cool-off", TimeSpan.FromSeconds(5));
                var timer = Stopwatch.StartNew();
                var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(order))));
                ReadOnlySpan<byte> prefix = "receipt:"u8;
                Span<byte> scratch = stackalloc byte[16];
                prefix[..Math.Min(prefix.Length, scratch.Length)].CopyTo(scratch);
                List<string> tags = ["paid", order.Id, $"lines={order.Lines.Count}"];
                ReadOnlySpan<int> sizes = [order.Lines.Count, stock.Count, tags.Count];
                var summary = string.Join(", ", tags[0], tags[1], tags[2]);
                var builder = new StringBuilder().Append(summary).Append(' ').Append(sizes.Length).Append(timer.ElapsedTicks > 0);
                var shape = typeof(Order).GetProperty(nameof(Order.Total), BindingFlags.Public | BindingFlags.Instance)?.PropertyType;
                using var template = typeof(Ledger).Assembly.GetManifestResourceStream("Everyday.template.txt");
                var blank = Activator.CreateInstance<Ledger>();
                blank.Dispose();
                var anonymous = new { order.Id, Count = tags.Count, Shape = shape?.Name };
                var kind = order.Id switch
                {
                    "rush" => 1,
                    "bulk" => 2,
                    _ => anonymous.Count,
                };
                var (id, total) = (order.Id, order.Total + kind + Random.Shared.Next(0, 1));
                return new Receipt(id, total, digest + builder, [.. tags, Guid.NewGuid().ToString("N")]);
            }
        }
        """;
}
