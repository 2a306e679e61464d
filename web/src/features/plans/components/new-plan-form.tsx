import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useCreatePlan } from '@/features/plans/api/create-plan';
import { describeError } from '@/lib/api-client';

const examples = [
  'Add a shopping cart to my e-commerce site',
  'Build a todo app with sign-in and sync',
  'Add authentication to my app',
];

/** Where a person describes something big; the planner turns it into a tree of focused tasks. */
export function NewPlanForm() {
  const navigate = useNavigate();
  const createPlan = useCreatePlan();
  const [request, setRequest] = useState('');

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const text = request.trim();
    if (!text || createPlan.isPending) return;
    createPlan.mutate(
      { request: text },
      { onSuccess: (plan) => void navigate(`/plans/${plan.id}`, { state: { decompose: true } }) },
    );
  };

  return (
    <form className="new-plan" onSubmit={submit} aria-label="New plan">
      <label htmlFor="new-plan-request" className="new-plan__label">
        What do you want to get done?
      </label>
      <textarea
        id="new-plan-request"
        className="new-plan__input"
        placeholder="Describe something big. I’ll break it into focused tasks, each with its own short conversation."
        value={request}
        rows={3}
        onChange={(event) => setRequest(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit();
        }}
      />
      <div className="new-plan__bar">
        <div className="new-plan__examples">
          {examples.map((example) => (
            <button key={example} type="button" className="chip" onClick={() => setRequest(example)}>
              {example}
            </button>
          ))}
        </div>
        <button type="submit" className="btn btn--primary" disabled={!request.trim() || createPlan.isPending}>
          {createPlan.isPending ? 'Creating…' : 'Plan it'}
        </button>
      </div>
      {createPlan.isError && (
        <p className="new-plan__error" role="alert">
          {describeError(createPlan.error)}
        </p>
      )}
    </form>
  );
}
