using System.Buffers.Binary;
using System.Security.Cryptography;
using Orchestrator.PromptAnalytics.Experiments.Statistics;

namespace Orchestrator.PromptAnalytics.Experiments.Assigning;

/// <summary>Successes and failures of one variant on the experiment's metric so far.</summary>
public readonly record struct ArmCounts(long Successes, long Failures);

/// <summary>Pure choices of a variant for a subject's first assignment.</summary>
public static class Allocation
{
    /// <summary>A uniform number in [0, 1) fixed by the experiment and the subject: the same pair always draws the same number.</summary>
    public static double UnitHash(Guid experimentId, Guid subject)
    {
        Span<byte> input = stackalloc byte[32];
        experimentId.TryWriteBytes(input[..16]);
        subject.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>The variant whose share of the cumulative weights contains the subject's hash.</summary>
    public static int Fixed(IReadOnlyList<double> weights, Guid experimentId, Guid subject)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var point = UnitHash(experimentId, subject) * weights.Sum();
        var cumulative = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            cumulative += weights[i];
            if (point < cumulative)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>
    /// Thompson sampling: one draw from each variant's Beta(1 + successes, 1 + failures) posterior; the highest
    /// draw wins. Seeded by the experiment and subject, so the choice is reproducible from the counts it saw.
    /// </summary>
    public static int Thompson(IReadOnlyList<ArmCounts> arms, Guid experimentId, Guid subject)
    {
        ArgumentNullException.ThrowIfNull(arms);
        var random = new Random((int)(UnitHash(experimentId, subject) * int.MaxValue));
        return Thompson(arms, random);
    }

    public static int Thompson(IReadOnlyList<ArmCounts> arms, Random random)
    {
        ArgumentNullException.ThrowIfNull(arms);
        var best = 0;
        var bestDraw = double.NegativeInfinity;
        for (var i = 0; i < arms.Count; i++)
        {
            var draw = BetaDistribution.Sample(random, 1 + arms[i].Successes, 1 + arms[i].Failures);
            if (draw > bestDraw)
            {
                bestDraw = draw;
                best = i;
            }
        }

        return best;
    }
}
