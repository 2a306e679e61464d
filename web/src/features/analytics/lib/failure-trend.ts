import type { FailurePattern } from '@/types/api';

const day = 86_400_000;

/** Failures among a group's examples in the last 24 h and in the 24 h before, and per-hour counts for a sparkline. */
export type FailureTrend = { lastDay: number; dayBefore: number; hourly: number[] };

export function failureTrend(pattern: FailurePattern, now: number = Date.now()): FailureTrend {
  const hourly = Array.from({ length: 24 }, () => 0);
  let lastDay = 0;
  let dayBefore = 0;
  for (const example of pattern.examples) {
    const age = now - Date.parse(example.at);
    if (Number.isNaN(age) || age < 0) continue;
    if (age < day) {
      lastDay += 1;
      const hour = 23 - Math.floor(age / 3_600_000);
      hourly[hour] = (hourly[hour] ?? 0) + 1;
    } else if (age < 2 * day) {
      dayBefore += 1;
    }
  }
  return { lastDay, dayBefore, hourly };
}

const kindNames: Record<string, string> = {
  timeout: 'Timeout',
  'model-unavailable': 'Model unavailable',
  'rate-limit': 'Rate limit',
  'malformed-output': 'Malformed output',
  refused: 'Refused by model',
  cancelled: 'Cancelled',
  other: 'Other',
};

/** The kind of error a group's key starts with, in words. */
export function failureKind(pattern: FailurePattern): string {
  const kind = pattern.key.split('|')[0] ?? 'other';
  return kindNames[kind] ?? kind;
}
