import { Link } from 'react-router';
import { failureKind, failureTrend } from '@/features/analytics/lib/failure-trend';
import { timeAgo } from '@/lib/format';
import type { FailurePattern } from '@/types/api';

type Props = {
  patterns: FailurePattern[];
  labelOf: (versionId: string) => string;
  now?: number;
};

const shownExamples = 3;

function Sparkline({ hourly, label }: { hourly: number[]; label: string }) {
  const highest = Math.max(1, ...hourly);
  return (
    <svg className="failure__spark" viewBox="0 0 48 12" width={96} height={24} role="img" aria-label={label}>
      {hourly.map((count, hour) => (
        <rect key={hour} x={hour * 2} y={12 - (count / highest) * 12} width={1.5} height={(count / highest) * 12} />
      ))}
    </svg>
  );
}

/** The largest groups of failed tasks; reasons are the model's and services' words, so they are rendered as text only. */
export function FailurePatterns({ patterns, labelOf, now = Date.now() }: Props) {
  if (patterns.length === 0) {
    return <div className="card empty">No failed tasks yet.</div>;
  }

  return (
    <ol className="failures">
      {patterns.map((pattern) => {
        const trend = failureTrend(pattern, now);
        const change = trend.lastDay - trend.dayBefore;
        const trendText = `${trend.lastDay} in the last 24 h, ${trend.dayBefore} the day before`;
        return (
          <li key={pattern.key} className="card failure">
            <div className="failure__head">
              <strong className="failure__count" aria-label={`${pattern.count} failures`}>
                {pattern.count}
              </strong>
              <span className="label-chip">{failureKind(pattern)}</span>
              {pattern.promptVersionIds.map((id) => (
                <span key={id} className="label-chip">
                  {labelOf(id)}
                </span>
              ))}
              {pattern.modes.map((mode) => (
                <span key={mode} className="label-chip">
                  {mode}
                </span>
              ))}
              <span className="muted">last {timeAgo(pattern.lastSeen, now)}</span>
            </div>
            <p className="failure__reason">{pattern.reason}</p>
            <div className="failure__trend">
              <Sparkline hourly={trend.hourly} label={`Failures per hour over the last 24 h: ${trendText}`} />
              <span className="muted">
                {trendText} ({change > 0 ? `+${change}` : change === 0 ? '±0' : change})
              </span>
            </div>
            <ul className="failure__examples" aria-label="Example tasks">
              {pattern.examples.slice(0, shownExamples).map((example) => (
                <li key={`${example.taskId}-${example.at}`}>
                  <Link to={`/plans/${encodeURIComponent(example.planId)}/tasks/${encodeURIComponent(example.taskId)}`}>
                    Task {example.taskId.slice(0, 8)}
                  </Link>{' '}
                  <span className="muted">{timeAgo(example.at, now)}</span>
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
