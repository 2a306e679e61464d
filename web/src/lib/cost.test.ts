import { describe, expect, it } from 'vitest';
import { costLabel, formatUsd, versionCostLabel } from '@/lib/cost';

describe('formatUsd', () => {
  it('shows cents for a cent or more', () => {
    expect(formatUsd(1.234)).toBe('$1.23');
    expect(formatUsd(0.01)).toBe('$0.01');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
  });

  it('keeps two significant digits below a cent so a cheap call does not read as free', () => {
    expect(formatUsd(0.00036)).toBe('$0.00036');
    expect(formatUsd(0.0042)).toBe('$0.0042');
    expect(formatUsd(0.005)).toBe('$0.005');
    expect(formatUsd(0.000000123)).toBe('$0.00000012');
  });

  it('reads nothing, or nonsense, as zero', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(-1)).toBe('$0.00');
    expect(formatUsd(Number.NaN)).toBe('$0.00');
  });
});

describe('costLabel', () => {
  it('says the simulator costs nothing whatever was counted', () => {
    expect(costLabel({ tokens: 1200, usd: 0 }, true)).toBe('simulator: no cost');
  });

  it('shows dollars and tokens with a priced model', () => {
    expect(costLabel({ tokens: 1500, usd: 0.00036 }, false)).toBe('$0.00036 · 1,500 tokens');
  });

  it('says when the model has no price rather than showing nothing as free', () => {
    expect(costLabel({ tokens: 1500, usd: 0 }, false, false)).toBe('1,500 tokens · no price set');
    expect(costLabel({ tokens: 1500, usd: 0.002 }, false, false)).toBe('$0.002 · 1,500 tokens');
  });

  it('says there is no cost yet before any model call', () => {
    expect(costLabel({ tokens: 0, usd: 0 }, false)).toBe('no cost yet');
    expect(costLabel(undefined, false)).toBe('no cost yet');
  });
});

describe('versionCostLabel', () => {
  it('shows what a version cost over its calls', () => {
    expect(versionCostLabel({ calls: 8, usd: 0.0012 }, false)).toBe('$0.0012 over 8 calls');
    expect(versionCostLabel({ calls: 1, usd: 2.5 }, false)).toBe('$2.50 over 1 call');
  });

  it('says the simulator costs nothing, and that a version not used yet has no calls', () => {
    expect(versionCostLabel({ calls: 3, usd: 0 }, true)).toBe('simulator: no cost · 3 calls');
    expect(versionCostLabel({ calls: 0, usd: 0 }, true)).toBe('no calls yet');
    expect(versionCostLabel(undefined, false)).toBe('no calls yet');
  });
});
