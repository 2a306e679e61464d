import { useEffect, useRef, useState } from 'react';
import { Markdown } from '@/components/markdown/markdown';
import { humanizeEventType } from '@/features/audit/lib/diff-plans';
import { formatTime } from '@/lib/format';
import type { PlanEvent } from '@/types/api';

type HistoryTimelineProps = {
  events: readonly PlanEvent[];
  version: number;
  onSelect: (version: number) => void;
};

/** Every event of the plan, oldest first; the one at the selected version is highlighted. */
export function HistoryTimeline({ events, version, onSelect }: HistoryTimelineProps) {
  const [expanded, setExpanded] = useState<number | null>(null);
  const selectedRef = useRef<HTMLLIElement>(null);

  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [version]);

  return (
    <ol className="timeline" aria-label="Plan history">
      {events.map((event) => {
        const current = event.version === version;
        const future = event.version > version;
        return (
          <li
            key={event.version}
            ref={current ? selectedRef : undefined}
            className={`timeline__item ${current ? 'is-current' : ''} ${future ? 'is-future' : ''}`}
          >
            <button
              type="button"
              className="timeline__button"
              aria-current={current ? 'step' : undefined}
              onClick={() => onSelect(event.version)}
            >
              <span className="timeline__dot" aria-hidden />
              <span className="timeline__version">v{event.version}</span>
              <span className="timeline__type">{humanizeEventType(event.type)}</span>
              <time className="timeline__time" dateTime={event.at}>
                {formatTime(event.at)}
              </time>
            </button>
            <button
              type="button"
              className="timeline__details-toggle"
              aria-expanded={expanded === event.version}
              onClick={() => setExpanded(expanded === event.version ? null : event.version)}
            >
              {expanded === event.version ? 'Hide details' : 'Details'}
            </button>
            {expanded === event.version && (
              <>
                {renderedText(event.data) !== null && (
                  <div className="timeline__result">
                    <Markdown text={renderedText(event.data) ?? ''} />
                  </div>
                )}
                <pre className="timeline__data">{JSON.stringify(event.data, null, 2)}</pre>
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The text an event carries for a person to read: a task's result, or an artifact's edited content. */
function renderedText(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  if (typeof record.result === 'string' && record.result.length > 0) return record.result;
  if (typeof record.content === 'string' && typeof record.artifactId === 'string') return record.content;
  return null;
}
