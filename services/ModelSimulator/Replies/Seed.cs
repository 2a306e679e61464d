using System.Text;

namespace Orchestrator.ModelSimulator.Replies;

/// <summary>A stable 64-bit hash (FNV-1a) of request content, so the same request always gets the same answer.</summary>
public static class Seed
{
    public static ulong Of(params string[] parts)
    {
        var hash = 14695981039346656037UL;
        foreach (var part in parts)
        {
            foreach (var b in Encoding.UTF8.GetBytes(part))
            {
                hash = (hash ^ b) * 1099511628211UL;
            }

            hash = (hash ^ 0xff) * 1099511628211UL;
        }

        return hash;
    }
}
