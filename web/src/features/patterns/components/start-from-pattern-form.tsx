import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Spinner } from '@/components/ui/spinner';
import { useStartFromPattern } from '@/features/patterns/api/pattern-mutations';
import { describeError } from '@/lib/api-client';
import type { Pattern } from '@/types/api';

/** A new request, planned from the pattern's tree: the planner adapts it and the new plan opens with its tasks proposed. */
export function StartFromPatternForm({ pattern }: { pattern: Pattern }) {
  const navigate = useNavigate();
  const start = useStartFromPattern();
  const [request, setRequest] = useState('');
  const inputId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = request.trim();
    if (!text || start.isPending) return;
    start.mutate({ patternId: pattern.id, request: text }, { onSuccess: (plan) => void navigate(`/plans/${plan.id}`) });
  };

  return (
    <form className="pattern-start" onSubmit={submit} aria-label="Start a plan from this pattern">
      <label htmlFor={inputId} className="pattern-start__label">
        Your request
      </label>
      <textarea
        id={inputId}
        className="textarea pattern-start__input"
        rows={3}
        placeholder={`Something like: ${pattern.request}`}
        value={request}
        onChange={(event) => setRequest(event.target.value)}
        disabled={start.isPending}
      />
      <div className="pattern-start__bar">
        {start.isPending && <Spinner label="Adapting the pattern to your request…" />}
        <button type="submit" className="btn btn--primary btn--sm" disabled={!request.trim() || start.isPending}>
          Start a plan from this pattern
        </button>
      </div>
      {start.isError && (
        <p className="pattern-start__error" role="alert">
          {describeError(start.error)}
        </p>
      )}
    </form>
  );
}
