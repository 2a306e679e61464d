import type { PlanStatus, TaskStatus } from '@/types/api';
import './status-pill.css';

export const taskStatusLabels: Record<TaskStatus, string> = {
  pending: 'Pending',
  ready: 'Ready',
  active: 'Active',
  'awaiting-input': 'Needs you',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const planStatusLabels: Record<PlanStatus, string> = {
  draft: 'Draft',
  proposed: 'Proposed',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const planTone: Record<PlanStatus, TaskStatus> = {
  draft: 'pending',
  proposed: 'awaiting-input',
  running: 'active',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

type StatusPillProps =
  | { kind: 'task'; status: TaskStatus; className?: string }
  | { kind: 'plan'; status: PlanStatus; className?: string };

/** A status as a coloured pill: gray pending, blue active, green completed, red failed, violet needs you. */
export function StatusPill(props: StatusPillProps) {
  const tone = props.kind === 'task' ? props.status : planTone[props.status];
  const label = props.kind === 'task' ? taskStatusLabels[props.status] : planStatusLabels[props.status];
  return (
    <span className={`status-pill status-pill--${tone} ${props.className ?? ''}`} data-status={props.status}>
      <span className="status-pill__dot" aria-hidden />
      {label ?? props.status}
    </span>
  );
}
