import { StatusPill } from '@/components/ui/status-pill';
import type { PlanDiff } from '@/features/audit/lib/diff-plans';

/** A readable list of what changed between two versions of a plan. */
export function PlanDiffView({ diff }: { diff: PlanDiff }) {
  const empty = diff.added.length + diff.removed.length + diff.changed.length + diff.planChanges.length === 0;
  if (empty) return <p className="muted diff__empty">No differences between these versions.</p>;
  return (
    <div className="diff">
      {diff.planChanges.map((change) => (
        <div key={change.field} className="diff__row diff__row--plan">
          <span className="diff__tag diff__tag--changed">plan</span>
          <span>
            {change.field}: <del>{change.before}</del> → <ins>{change.after}</ins>
          </span>
        </div>
      ))}
      {diff.added.map((task) => (
        <div key={task.id} className="diff__row">
          <span className="diff__tag diff__tag--added">added</span>
          <strong>{task.title}</strong>
          <StatusPill kind="task" status={task.status} />
        </div>
      ))}
      {diff.removed.map((task) => (
        <div key={task.id} className="diff__row">
          <span className="diff__tag diff__tag--removed">removed</span>
          <del>{task.title}</del>
        </div>
      ))}
      {diff.changed.map(({ task, changes }) => (
        <div key={task.id} className="diff__row diff__row--changed">
          <span className="diff__tag diff__tag--changed">changed</span>
          <div>
            <strong>{task.title}</strong>
            <ul className="diff__changes">
              {changes.map((change) => (
                <li key={change.field}>
                  <span className="faint">{change.field}</span> <del>{change.before}</del> → <ins>{change.after}</ins>
                </li>
              ))}
            </ul>
          </div>
        </div>
      ))}
    </div>
  );
}
