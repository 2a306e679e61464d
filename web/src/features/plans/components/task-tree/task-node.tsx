import { Handle, Position, useStore, type Node, type NodeHandle, type NodeProps, type ReactFlowState } from '@xyflow/react';
import { memo } from 'react';
import { taskStatusLabels } from '@/components/ui/status-pill';
import { NODE_HEIGHT, NODE_WIDTH } from '@/features/plans/lib/layout-tree';
import { modeLabels } from '@/features/plans/lib/task-tree';
import type { Task } from '@/types/api';

export type DropState = 'inside' | 'before' | 'after' | 'invalid';

export type TaskNodeData = {
  task: Task;
  childCount: number;
  collapsed: boolean;
  selected: boolean;
  focused: boolean;
  dimmed: boolean;
  dropState: DropState | null;
  diff: 'added' | 'changed' | null;
  onToggle: ((taskId: string) => void) | null;
};

export type TaskFlowNode = Node<TaskNodeData, 'task'>;

const HANDLE_SIZE = 6;
const HANDLE_LEFT = -HANDLE_SIZE / 2 + 1;
const HANDLE_RIGHT = NODE_WIDTH - HANDLE_SIZE / 2 - 1;
// Where a handle's top edge is for CSS `top: <share>` inside the card's 1px border (task-tree.css).
const handleTop = (share: number) => 1 + (NODE_HEIGHT - 2) * share - HANDLE_SIZE / 2;

/**
 * The card's size and handles as task-tree.css draws them. Given to React Flow up front, they spare
 * it from rendering every card once to measure it (2,000 cards for a large plan, and again for each
 * off-screen card whose status changes) before it can leave off-screen cards out.
 */
export const taskNodeMeasured = { width: NODE_WIDTH, height: NODE_HEIGHT };
export const taskNodeHandles: NodeHandle[] = [
  { id: 'parent-in', type: 'target', position: Position.Left, x: HANDLE_LEFT, y: handleTop(0.5), width: HANDLE_SIZE, height: HANDLE_SIZE },
  { id: 'child-out', type: 'source', position: Position.Right, x: HANDLE_RIGHT, y: handleTop(0.5), width: HANDLE_SIZE, height: HANDLE_SIZE },
  { id: 'dep-in', type: 'target', position: Position.Right, x: HANDLE_RIGHT, y: handleTop(0.3), width: HANDLE_SIZE, height: HANDLE_SIZE },
  { id: 'dep-out', type: 'source', position: Position.Right, x: HANDLE_RIGHT, y: handleTop(0.7), width: HANDLE_SIZE, height: HANDLE_SIZE },
];

/**
 * Below this zoom a card's text is a few pixels high and cannot be read: the card is drawn as a block
 * of its status colour, without text or buttons. A large plan fitted to the view is drawn this way,
 * which makes its hundreds of cards cheap to lay out and paint.
 */
export const FAR_ZOOM = 0.3;
const seenFromAfar = (state: ReactFlowState) => state.transform[2] < FAR_ZOOM;

function TaskNodeView({ data }: NodeProps<TaskFlowNode>) {
  const { task, childCount, collapsed, selected, focused, dimmed, dropState, diff, onToggle } = data;
  const far = useStore(seenFromAfar);
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

  return (
    <div
      className={className}
      id={`task-node-${task.id}`}
      role="treeitem"
      aria-selected={selected}
      aria-label={`${task.title}, ${modeLabels[task.mode]}, ${taskStatusLabels[task.status]}`}
      data-testid={`task-node-${task.id}`}
      data-status={task.status}
      data-mode={task.mode}
      title={task.objective || task.title}
    >
      <Handle type="target" position={Position.Left} id="parent-in" className="task-node__handle" isConnectable={false} />
      <Handle type="source" position={Position.Right} id="child-out" className="task-node__handle" isConnectable={false} />
      <Handle
        type="target"
        position={Position.Right}
        id="dep-in"
        className="task-node__handle task-node__handle--dep-in"
        isConnectable={false}
      />
      <Handle
        type="source"
        position={Position.Right}
        id="dep-out"
        className="task-node__handle task-node__handle--dep-out"
        isConnectable={false}
      />
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

export const TaskNode = memo(TaskNodeView);
