using System.Buffers.Binary;
using System.IO.Compression;

namespace Skein.Host.Tests.Plugins.Validation;

/// <summary>Builds upload zips, including ones no honest tool would write.</summary>
internal static class TestZips
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint CentralHeaderSignature = 0x02014b50;

    public static byte[] Create(params (string Name, byte[] Bytes)[] entries)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(bytes);
            }
        }

        return zip.ToArray();
    }

    /// <summary>Rewrites every uncompressed-size field of a one-entry zip, so its headers lie about what it inflates to.</summary>
    public static byte[] WithDeclaredSize(byte[] zip, uint uncompressedSize)
    {
        var patched = (byte[])zip.Clone();
        for (var i = 0; i + 4 <= patched.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(i));
            if (signature == LocalHeaderSignature)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(patched.AsSpan(i + 22), uncompressedSize);
            }
            else if (signature == CentralHeaderSignature)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(patched.AsSpan(i + 24), uncompressedSize);
            }
        }

        return patched;
    }
}
