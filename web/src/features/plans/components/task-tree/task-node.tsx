import { Handle, Position, useStore, type Node, type NodeHandle, type NodeProps, type ReactFlowState } from '@xyflow/react';
import { memo } from 'react';
import { TaskCard, type DropState, type TaskCardProps } from '@/features/plans/components/task-tree/task-card';
import { FAR_ZOOM, NODE_HEIGHT, NODE_WIDTH } from '@/features/plans/lib/layout-tree';

export type { DropState };

/** What React Flow holds for a card: the card's own props, but for how far away it is seen (read from the viewport). */
export type TaskNodeData = Omit<TaskCardProps, 'far' | 'live' | 'children'>;

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

const seenFromAfar = (state: ReactFlowState) => state.transform[2] < FAR_ZOOM;

function TaskNodeView({ data }: NodeProps<TaskFlowNode>) {
  const far = useStore(seenFromAfar);
  return (
    <TaskCard {...data} far={far} live>
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
    </TaskCard>
  );
}

export const TaskNode = memo(TaskNodeView);
