import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { StatusPill } from '@/components/ui/status-pill';
import { usePlans } from '@/features/plans/api/get-plans';
import { describeError } from '@/lib/api-client';
import { timeAgo } from '@/lib/format';

export function PlanList() {
  const plans = usePlans();

  if (plans.isPending) return <Spinner label="Loading plans" />;
  if (plans.isError) {
    return (
      <Alert
        title="Plans could not be loaded"
        action={
          <button type="button" className="btn btn--sm" onClick={() => void plans.refetch()}>
            Try again
          </button>
        }
      >
        {describeError(plans.error)}
      </Alert>
    );
  }
  if (plans.data.length === 0) {
    return <div className="card empty">No plans yet. Describe something above to start one.</div>;
  }

  const sorted = [...plans.data].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  return (
    <ul className="plan-list" aria-label="Plans">
      {sorted.map((plan) => (
        <li key={plan.id}>
          <Link to={`/plans/${plan.id}`} className="plan-list__item">
            <span className="plan-list__title">{plan.title || 'Untitled plan'}</span>
            <StatusPill kind="plan" status={plan.status} />
            <span className="plan-list__time" title={plan.updatedAt}>
              {timeAgo(plan.updatedAt)}
            </span>
            <svg className="plan-list__chevron" width="14" height="14" viewBox="0 0 16 16" aria-hidden>
              <path d="M6 3l5 5-5 5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
          </Link>
        </li>
      ))}
    </ul>
  );
}
