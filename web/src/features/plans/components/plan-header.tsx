import { Link } from 'react-router';
import { CostLabel } from '@/components/ui/cost-label';
import { StatusPill } from '@/components/ui/status-pill';
import type { StreamState } from '@/features/plans/hooks/use-plan-stream';
import type { Pricing } from '@/lib/cost';
import type { PlanView } from '@/types/api';

const streamLabels: Record<StreamState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unavailable: 'Refreshing every few seconds',
};

type PlanHeaderProps = {
  plan: PlanView;
  stream: StreamState;
  /** How the model in use is priced (the simulator costs nothing). */
  pricing?: Pricing;
  onCancel?: () => void;
};

export function PlanHeader({ plan, stream, pricing, onCancel }: PlanHeaderProps) {
  const done = plan.tasks.filter((task) => task.status === 'completed').length;
  const total = plan.tasks.length;
  return (
    <div className="plan-header">
      <div className="plan-header__main">
        <div className="plan-header__crumbs">
          <Link to="/" className="plan-header__back">
            Plans
          </Link>
          <span aria-hidden>/</span>
        </div>
        <h1 className="plan-header__title" title={plan.request}>
          {plan.title || plan.request}
        </h1>
        <StatusPill kind="plan" status={plan.status} />
        {plan.status === 'running' && total > 0 && (
          <span className="plan-header__progress" aria-label={`${done} of ${total} tasks completed`}>
            <span className="plan-header__bar">
              <span style={{ width: `${(done / total) * 100}%` }} />
            </span>
            {done}/{total}
          </span>
        )}
      </div>
      <div className="plan-header__side">
        <span className={`live live--${stream}`} title="Updates from the plan's event stream">
          <span className="live__dot" aria-hidden />
          {streamLabels[stream]}
        </span>
        <CostLabel cost={plan.cost} pricing={pricing} className="faint plan-header__cost" />
        <span className="faint plan-header__version">v{plan.version}</span>
        <Link to={`/plans/${plan.id}/audit`} className="btn btn--sm btn--ghost">
          History
        </Link>
        <a
          href={`/api/plans/${encodeURIComponent(plan.id)}/report`}
          download
          className="btn btn--sm btn--ghost"
          title="The whole plan as one Markdown document"
        >
          Report
        </a>
        <a
          href={`/api/plans/${encodeURIComponent(plan.id)}/artifacts`}
          download
          className="btn btn--sm btn--ghost"
          title="Every task's artifacts as a zip"
        >
          Download artifacts
        </a>
        {onCancel && plan.status === 'running' && (
          <button type="button" className="btn btn--sm btn--danger" onClick={onCancel}>
            Stop plan
          </button>
        )}
      </div>
    </div>
  );
}
