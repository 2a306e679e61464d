/** Tokens used and what they cost in US dollars, as the services report it. */
export type Cost = {
  tokens: number;
  usd: number;
};

/** How the model in use is priced: the simulator costs nothing; a real model is priced when the table names it. */
export type Pricing = {
  simulated: boolean;
  priced: boolean;
};

/** Until the model is known: a real model with a price, so sums show as they are. */
export const defaultPricing: Pricing = { simulated: false, priced: true };

// Made on first use: building a currency format costs milliseconds, which loading a page need not pay.
let cents: Intl.NumberFormat | null = null;

/**
 * "$1.23" from a dollar amount; an amount below a cent keeps two significant digits ("$0.00036") so a cheap call
 * does not read as free, and only nothing at all reads "$0.00".
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd) || usd <= 0) return '$0.00';
  if (usd >= 0.01) {
    cents ??= new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return cents.format(usd);
  }
  const digits = Math.min(10, Math.max(2, 1 - Math.floor(Math.log10(usd))));
  return `$${usd.toFixed(digits).replace(/0+$/, '')}`;
}

/**
 * "$0.0042 · 1,234 tokens", "simulator: no cost" while the simulator answers, "no cost yet" before any token, or
 * "1,234 tokens · no price set" when the model has no price in the table (`priced` false).
 */
export function costLabel(cost: Cost | null | undefined, simulated: boolean, priced = true): string {
  if (simulated) return 'simulator: no cost';
  if (!cost || (cost.tokens === 0 && cost.usd === 0)) return 'no cost yet';
  const tokens = `${cost.tokens.toLocaleString('en-US')} tokens`;
  if (cost.usd === 0 && !priced) return `${tokens} · no price set`;
  return `${formatUsd(cost.usd)} · ${tokens}`;
}

/** A prompt version's cost: "$0.012 over 8 calls"; what the simulator answered costs nothing, and says so. */
export function versionCostLabel(cost: { calls: number; usd: number } | null | undefined, simulated: boolean): string {
  const calls = cost?.calls ?? 0;
  const usd = cost?.usd ?? 0;
  if (calls === 0) return 'no calls yet';
  const over = `${calls.toLocaleString('en-US')} call${calls === 1 ? '' : 's'}`;
  if (usd === 0 && simulated) return `simulator: no cost · ${over}`;
  return `${formatUsd(usd)} over ${over}`;
}
