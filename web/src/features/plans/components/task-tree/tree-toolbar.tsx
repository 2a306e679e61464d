import { useRef, type ReactNode } from 'react';
import type { StatusFilter } from '@/features/plans/lib/task-tree';

type TreeToolbarProps = {
  search: string;
  onSearch: (value: string) => void;
  filter: StatusFilter;
  onFilter: (value: StatusFilter) => void;
  matchCount: number | null;
  onNextMatch: (direction: 1 | -1) => void;
  onCollapseAll: () => void;
  onExpandAll: () => void;
  onFit: () => void;
  extra?: ReactNode;
};

const filters: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All tasks' },
  { value: 'needs-me', label: 'Needs me' },
  { value: 'active', label: 'Running' },
  { value: 'pending', label: 'Pending' },
  { value: 'completed', label: 'Completed' },
  { value: 'failed', label: 'Failed' },
];

export function TreeToolbar(props: TreeToolbarProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <div className="tree-toolbar">
      <div className="tree-toolbar__search">
        <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden>
          <circle cx="7" cy="7" r="5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M11 11l3.5 3.5" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        <input
          ref={inputRef}
          type="search"
          placeholder="Search tasks"
          aria-label="Search tasks"
          value={props.search}
          onChange={(event) => props.onSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              props.onNextMatch(event.shiftKey ? -1 : 1);
            } else if (event.key === 'Escape') {
              props.onSearch('');
            }
          }}
        />
        {props.matchCount !== null && (
          <span className="tree-toolbar__count" aria-live="polite">
            {props.matchCount} {props.matchCount === 1 ? 'match' : 'matches'}
          </span>
        )}
      </div>
      <select
        className="tree-toolbar__filter"
        aria-label="Filter by status"
        value={props.filter}
        onChange={(event) => props.onFilter(event.target.value as StatusFilter)}
      >
        {filters.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <div className="tree-toolbar__group" role="group" aria-label="View">
        <button type="button" className="btn btn--ghost btn--sm" onClick={props.onCollapseAll} title="Collapse every subtree">
          Collapse
        </button>
        <button type="button" className="btn btn--ghost btn--sm" onClick={props.onExpandAll} title="Expand every subtree">
          Expand
        </button>
        <button type="button" className="btn btn--ghost btn--sm" onClick={props.onFit} title="Fit the tree to the view (F)">
          Fit
        </button>
      </div>
      {props.extra}
    </div>
  );
}
