import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { usePatterns } from '@/features/patterns/api/get-patterns';
import { PatternPreview } from '@/features/patterns/components/pattern-preview';
import { excerpt, successRateLabel } from '@/features/patterns/lib/pattern-labels';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { describeError } from '@/lib/api-client';
import './patterns.css';

/** How long typing pauses before the gallery is searched. */
export const searchDelayMs = 250;

/**
 * The gallery of proven plans: search, the matches with their record, and the selected one's preview (`?selected=<id>`).
 * The search box starts from `?query=` when the link that opened the gallery carries one.
 */
export function PatternGallery() {
  const [params, setParams] = useSearchParams();
  // `?query=` opens the gallery already searched (e.g. for a plan that is in it already).
  const [search, setSearch] = useState(() => params.get('query') ?? '');
  const query = useDebouncedValue(search.trim(), searchDelayMs);
  const patterns = usePatterns(query);
  const selected = params.get('selected');

  const select = (patternId: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (patternId) next.set('selected', patternId);
        else next.delete('selected');
        return next;
      },
      { replace: patternId === null },
    );

  return (
    <div className="gallery">
      <section className="gallery__list" aria-label="Patterns found">
        <input
          type="search"
          className="gallery__search"
          aria-label="Search patterns"
          placeholder="Search by what you want to get done…"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        {patterns.isPending ? (
          <Spinner label="Loading the gallery" />
        ) : patterns.isError ? (
          <Alert title="The gallery could not be loaded">{describeError(patterns.error)}</Alert>
        ) : patterns.data.length === 0 ? (
          <div className="card empty">
            {query
              ? `No pattern matches “${query}”.`
              : 'No patterns yet. Save a finished plan as a pattern to start the gallery.'}
          </div>
        ) : (
          <ul className="gallery__items" aria-label="Patterns" aria-busy={patterns.isFetching}>
            {patterns.data.map((pattern) => (
              <li key={pattern.id}>
                <button
                  type="button"
                  className={`gallery__item ${pattern.id === selected ? 'is-selected' : ''}`}
                  aria-current={pattern.id === selected ? 'true' : undefined}
                  onClick={() => select(pattern.id)}
                >
                  <span className="gallery__item-title">{pattern.title}</span>
                  <span className="gallery__item-request muted">{excerpt(pattern.request)}</span>
                  <span className="gallery__item-stats faint">
                    <span>{pattern.taskCount} tasks</span>
                    <span>
                      {pattern.uses} {pattern.uses === 1 ? 'use' : 'uses'}
                    </span>
                    <span>{pattern.successRate === null ? 'not used yet' : `${successRateLabel(pattern.successRate)} succeeded`}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="gallery__preview" aria-label="Pattern preview">
        {selected ? (
          <PatternPreview key={selected} patternId={selected} onRemoved={() => select(null)} />
        ) : (
          <div className="card empty">Pick a pattern to see its tree and start a plan from it.</div>
        )}
      </section>
    </div>
  );
}
