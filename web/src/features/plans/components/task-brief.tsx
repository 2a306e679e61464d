import { Markdown } from '@/components/markdown/markdown';
import { CostLabel } from '@/components/ui/cost-label';
import { StatusPill } from '@/components/ui/status-pill';
import { canMarkDone, modeLabels } from '@/features/plans/lib/task-tree';
import type { Pricing } from '@/lib/cost';
import type { ExecutionStatus, PlanView, Task } from '@/types/api';

type TaskBriefProps = {
  plan: PlanView;
  task: Task;
  execution?: ExecutionStatus;
  /** How the model in use is priced (the simulator costs nothing). */
  pricing?: Pricing;
  onOpenTask: (task: Task) => void;
  /** Opens one of the task's artifacts in the canvas. */
  onOpenArtifact?: (artifactId: string) => void;
  onMarkDone?: () => void;
  onRetry?: () => void;
};

/** What the task's conversation is given: its brief, and the inputs it declares — nothing else. */
export function TaskBrief({ plan, task, execution, pricing, onOpenTask, onOpenArtifact, onMarkDone, onRetry }: TaskBriefProps) {
  const byId = new Map(plan.tasks.map((candidate) => [candidate.id, candidate]));
  const parent = task.parentId ? byId.get(task.parentId) : undefined;
  const inputs = task.dependsOn.map((id) => byId.get(id)).filter((input): input is Task => Boolean(input));
  const canFinish = canMarkDone(task, plan.tasks);

  return (
    <section className="brief" aria-label="Task brief">
      <div className="brief__head">
        <h2 className="brief__title">{task.title}</h2>
        <div className="brief__badges">
          <span className={`mode-badge mode-badge--${task.mode}`}>{modeLabels[task.mode]}</span>
          <StatusPill kind="task" status={task.status} />
        </div>
      </div>
      {task.objective ? <p className="brief__objective">{task.objective}</p> : <p className="brief__objective faint">No objective written.</p>}
      <dl className="brief__facts">
        {parent && (
          <div>
            <dt>Part of</dt>
            <dd>
              <button type="button" className="link-button" onClick={() => onOpenTask(parent)}>
                {parent.title}
              </button>
            </dd>
          </div>
        )}
        <div>
          <dt>Inputs</dt>
          <dd>
            {inputs.length === 0 ? (
              <span className="faint">None declared — it starts from its brief alone.</span>
            ) : (
              <ul className="brief__inputs">
                {inputs.map((input) => (
                  <li key={input.id}>
                    <button type="button" className="link-button" onClick={() => onOpenTask(input)}>
                      {input.title}
                    </button>{' '}
                    <StatusPill kind="task" status={input.status} />
                    {input.result && (
                      <div className="brief__result-snippet">
                        <Markdown text={input.result} />
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>
            <CostLabel cost={task.cost} pricing={pricing} />
          </dd>
        </div>
        {execution && (
          <div>
            <dt>Execution</dt>
            <dd>
              {execution.attempts} attempt{execution.attempts === 1 ? '' : 's'}
              {execution.tokens ? ` · ${execution.tokens.toLocaleString()} tokens` : ''}
            </dd>
          </div>
        )}
      </dl>
      {task.problem && (task.status === 'failed' || task.needsAttention) && (
        <div className="brief__problem" role="note" aria-label={task.status === 'failed' ? 'Why it failed' : 'Why it needs attention'}>
          <span className="section-label">{task.status === 'failed' ? 'Why it failed' : 'Needs attention'}</span>
          <p>{task.problem}</p>
        </div>
      )}
      {task.result && (
        <div className="brief__result">
          <span className="section-label">Result</span>
          <Markdown text={task.result} />
        </div>
      )}
      {onOpenArtifact && task.artifacts && task.artifacts.length > 0 && (
        <div className="brief__artifacts">
          <span className="section-label">Artifacts</span>
          <ul>
            {task.artifacts.map((artifact) => (
              <li key={artifact.id}>
                <button
                  type="button"
                  className="artifact-chip"
                  onClick={() => onOpenArtifact(artifact.id)}
                  title={`Open ${artifact.name} in the canvas`}
                >
                  <span className={`artifact-chip__kind artifact-chip__kind--${artifact.kind}`}>
                    {artifact.kind === 'code' ? (artifact.language ?? 'code') : 'doc'}
                  </span>
                  {artifact.name}
                  {artifact.version > 1 && <span className="faint"> v{artifact.version}</span>}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {(onMarkDone || onRetry) && (canFinish || task.status === 'failed') && (
        <div className="brief__actions">
          {task.status === 'failed' && onRetry && (
            <button type="button" className="btn btn--sm" onClick={onRetry}>
              Retry
            </button>
          )}
          {canFinish && onMarkDone && (
            <button type="button" className="btn btn--sm" onClick={onMarkDone}>
              Mark done
            </button>
          )}
        </div>
      )}
    </section>
  );
}
