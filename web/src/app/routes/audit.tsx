import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { useHistory, usePlanAtVersion } from '@/features/audit/api/get-history';
import { HistoryTimeline } from '@/features/audit/components/history-timeline';
import { PlanDiffView } from '@/features/audit/components/plan-diff-view';
import { VersionSlider } from '@/features/audit/components/version-slider';
import { diffMarks, diffPlans } from '@/features/audit/lib/diff-plans';
import { TaskTree } from '@/features/plans/components/task-tree/task-tree';
import { describeError } from '@/lib/api-client';
import '@/features/audit/components/audit.css';

export function AuditRoute() {
  const { planId = '' } = useParams();
  const history = useHistory(planId);
  const events = history.data ?? [];
  const first = events[0]?.version ?? 1;
  const last = events[events.length - 1]?.version ?? 1;

  const [version, setVersion] = useState<number | null>(null);
  const [compareWith, setCompareWith] = useState<number | null>(null);
  useEffect(() => {
    if (version === null && events.length > 0) setVersion(last);
  }, [version, events.length, last]);

  const shown = version ?? last;
  const base = compareWith ?? Math.max(first, shown - 1);
  const atVersion = usePlanAtVersion(planId, events.length > 0 ? shown : null);
  const atBase = usePlanAtVersion(planId, events.length > 0 ? base : null);

  const diff = useMemo(
    () => (atVersion.data && atBase.data ? diffPlans(atBase.data, atVersion.data) : null),
    [atVersion.data, atBase.data],
  );
  const marks = useMemo(() => (diff ? diffMarks(diff) : undefined), [diff]);

  if (history.isPending) {
    return (
      <div className="workspace workspace--loading">
        <Spinner label="Loading the history" />
      </div>
    );
  }
  if (history.isError) {
    return (
      <div className="page">
        <Alert title="The history could not be loaded">{describeError(history.error)}</Alert>
      </div>
    );
  }

  return (
    <div className="audit">
      <aside className="audit__side">
        <div className="audit__side-head">
          <Link to={`/plans/${planId}`} className="muted" style={{ textDecoration: 'none', fontSize: 13 }}>
            ← Back to the plan
          </Link>
          <h1 style={{ marginTop: 6 }}>{atVersion.data?.title ?? 'Plan history'}</h1>
          <p className="faint" style={{ fontSize: 12.5 }}>
            {events.length} events · replayed from the event store, no model is called
          </p>
        </div>
        <HistoryTimeline events={events} version={shown} onSelect={setVersion} />
      </aside>
      <section className="audit__main" aria-label="Plan at a version">
        <div className="audit__toolbar">
          <VersionSlider min={first} max={last} value={shown} onChange={setVersion} />
        </div>
        <div className="audit__tree">
          {atVersion.isError ? (
            <div className="page">
              <Alert title={`Version ${shown} could not be loaded`}>{describeError(atVersion.error)}</Alert>
            </div>
          ) : atVersion.data ? (
            <TaskTree tasks={atVersion.data.tasks} readOnly diff={marks} />
          ) : (
            <div className="workspace--loading" style={{ height: '100%' }}>
              <Spinner label={`Loading version ${shown}`} />
            </div>
          )}
        </div>
        <div className="audit__diff">
          <div className="audit__diff-head">
            <h2 className="section-label">Changes</h2>
            <span className="faint" style={{ fontSize: 12.5 }}>
              from
            </span>
            <select
              aria-label="Compare with version"
              value={base}
              onChange={(event) => setCompareWith(Number(event.target.value))}
            >
              {events.map((event) => (
                <option key={event.version} value={event.version}>
                  v{event.version}
                </option>
              ))}
            </select>
            <span className="faint" style={{ fontSize: 12.5 }}>
              to v{shown}
            </span>
            {compareWith !== null && (
              <button type="button" className="btn btn--ghost btn--sm" onClick={() => setCompareWith(null)}>
                Previous version
              </button>
            )}
          </div>
          {diff ? <PlanDiffView diff={diff} /> : <Spinner size={12} label="Comparing" />}
        </div>
      </section>
    </div>
  );
}
