using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Eventing;

/// <summary>Name-based ids, so every instance (and every redelivery) derives the same id from the same key without a lookup.</summary>
public static class DeterministicGuid
{
    /// <summary>A GUID from <paramref name="key"/>: SHA-256, shaped as RFC 9562 version 8.</summary>
    public static Guid From(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
