namespace Samples.BatchJob;

/// <summary>The job's actual work: splitting a range of records and checksumming each chunk.</summary>
internal static class Chunking
{
    public static int[][] Plan(int records, int chunkSize)
    {
        if (records < 0 || chunkSize < 1)
        {
            throw new ArgumentException("Records must be zero or more, and chunks at least one record.");
        }

        return [.. Enumerable.Range(0, records).Chunk(chunkSize)];
    }

    public static ChunkResult Process(int[] chunk) =>
        new(chunk.Length == 0 ? 0 : chunk[0] / Math.Max(1, chunk.Length), chunk.Length, chunk.Aggregate(0L, (sum, r) => sum + ((long)r * r)));
}
