import type { ReactNode } from 'react';
import { taskStatusLabels } from '@/components/ui/status-pill';
import { modeLabels } from '@/features/plans/lib/task-tree';
import type { Task } from '@/types/api';

export type DropState = 'inside' | 'before' | 'after' | 'invalid';

export type TaskCardProps = {
  task: Task;
  childCount: number;
  collapsed: boolean;
  selected: boolean;
  focused: boolean;
  dimmed: boolean;
  dropState: DropState | null;
  diff: 'added' | 'changed' | null;
  /** Seen from afar (below FAR_ZOOM): a block of the status colour, without text or buttons. */
  far: boolean;
  onToggle: ((taskId: string) => void) | null;
  /** A live card is a tree item the person can reach; a preview card is only drawn. */
  live: boolean;
  /** React Flow's handles, on a live card. */
  children?: ReactNode;
};

/**
 * A task's card as the tree draws it. It knows nothing of React Flow, so that the tree's first view
 * can be drawn with the same cards before React Flow's code has run (see TreePreview).
 */
export function TaskCard({
  task,
  childCount,
  collapsed,
  selected,
  focused,
  dimmed,
  dropState,
  diff,
  far,
  onToggle,
  live,
  children,
}: TaskCardProps) {
  const attention = task.status === 'failed' || task.needsAttention === true;
  const className = [
    'task-node',
    `task-node--${task.status}`,
    attention ? 'task-node--attention' : '',
    selected ? 'is-selected' : '',
    focused ? 'is-focused' : '',
    dimmed ? 'is-dimmed' : '',
    dropState ? `drop-${dropState}` : '',
    diff ? `diff-${diff}` : '',
    far ? 'task-node--far' : '',
  ]
    .filter(Boolean)
    .join(' ');

  const identity = live
    ? {
        id: `task-node-${task.id}`,
        role: 'treeitem',
        'aria-selected': selected,
        'aria-label': `${task.title}, ${modeLabels[task.mode]}, ${taskStatusLabels[task.status]}`,
        'data-testid': `task-node-${task.id}`,
      }
    : {};

  return (
    <div
      className={className}
      {...identity}
      data-status={task.status}
      data-mode={task.mode}
      title={task.objective || task.title}
    >
      {children}
      <div className="task-node__bar" aria-hidden />
      {!far && (
        <div className="task-node__body">
          <div className="task-node__title">{task.title}</div>
          <div className="task-node__meta">
            <span className={`mode-badge mode-badge--${task.mode}`}>{modeLabels[task.mode]}</span>
            <span className="task-node__status">
              <span className="task-node__dot" aria-hidden />
              {attention && task.status !== 'failed' ? 'Needs attention' : taskStatusLabels[task.status]}
            </span>
            {task.dependsOn.length > 0 && (
              <span className="task-node__deps" title={`Waits for ${task.dependsOn.length} task(s)`}>
                ⟵{task.dependsOn.length}
              </span>
            )}
          </div>
        </div>
      )}
      {!far && childCount > 0 && (
        <button
          type="button"
          className="task-node__toggle nodrag"
          aria-label={collapsed ? `Expand ${childCount} subtasks` : 'Collapse subtasks'}
          aria-expanded={!collapsed}
          tabIndex={live ? undefined : -1}
          onClick={(event) => {
            event.stopPropagation();
            onToggle?.(task.id);
          }}
          onDoubleClick={(event) => event.stopPropagation()}
        >
          {collapsed ? `+${childCount}` : '−'}
        </button>
      )}
      {dropState === 'invalid' && <div className="task-node__refuse">Can’t drop here</div>}
    </div>
  );
}
