import { useReactFlow, type NodeChange, type OnNodeDrag } from '@xyflow/react';
import { useState } from 'react';
import type { TaskFlowNode } from '@/features/plans/components/task-tree/task-node';
import type { DropTarget } from '@/features/plans/components/task-tree/use-flow-elements';
import type { TreeView } from '@/features/plans/components/task-tree/use-tree-view';
import { NODE_HEIGHT, NODE_WIDTH, type Point } from '@/features/plans/lib/layout-tree';
import { checkMove, childrenOf } from '@/features/plans/lib/task-tree';
import { useStableCallback } from '@/hooks/use-stable-callback';
import type { Task } from '@/types/api';

type TreeDragInput = {
  tasks: readonly Task[];
  view: TreeView;
  onMove?: (taskId: string, parentId: string, index: number) => void;
  onRefuse?: (reason: string) => void;
};

function pointerOf(event: MouseEvent | TouchEvent): { x: number; y: number } {
  if ('clientX' in event) return { x: event.clientX, y: event.clientY };
  const touch = event.changedTouches[0] ?? event.touches[0];
  return { x: touch?.clientX ?? 0, y: touch?.clientY ?? 0 };
}

/**
 * Dragging a card onto another: above or below it to become its sibling, onto its middle to become
 * its child. The card under the pointer says whether the move is allowed (checkMove) while dragging,
 * and a refused drop shows why.
 */
export function useTreeDrag({ tasks, view, onMove, onRefuse }: TreeDragInput) {
  const flow = useReactFlow<TaskFlowNode>();
  const { visible, positions, index } = view;
  const [drag, setDrag] = useState<{ id: string; position: Point } | null>(null);
  const [drop, setDrop] = useState<DropTarget | null>(null);

  const onNodesChange = useStableCallback((changes: NodeChange<TaskFlowNode>[]) => {
    for (const change of changes) {
      if (change.type === 'position' && change.position && change.dragging) {
        setDrag({ id: change.id, position: change.position });
      }
    }
  });

  const findDropTarget = useStableCallback((taskId: string, clientX: number, clientY: number): DropTarget | null => {
    const point = flow.screenToFlowPosition({ x: clientX, y: clientY });
    for (const task of visible) {
      if (task.id === taskId) continue;
      const at = positions.get(task.id);
      if (!at) continue;
      if (point.x < at.x || point.x > at.x + NODE_WIDTH || point.y < at.y || point.y > at.y + NODE_HEIGHT) continue;

      const relative = (point.y - at.y) / NODE_HEIGHT;
      let state: 'inside' | 'before' | 'after' = relative < 0.28 ? 'before' : relative > 0.72 ? 'after' : 'inside';
      if (task.parentId === null) state = 'inside';
      let parentId: string;
      let position: number;
      if (state === 'inside') {
        parentId = task.id;
        position = childrenOf(index, task.id).filter((child) => child.id !== taskId).length;
      } else {
        parentId = task.parentId as string;
        const siblings = childrenOf(index, parentId).filter((child) => child.id !== taskId);
        position = siblings.findIndex((child) => child.id === task.id) + (state === 'after' ? 1 : 0);
      }
      const check = checkMove(tasks, taskId, parentId, position);
      return check.ok
        ? { targetId: task.id, state, parentId, index: position }
        : { targetId: task.id, state: 'invalid', parentId, index: position, reason: check.reason };
    }
    return null;
  });

  const onNodeDrag: OnNodeDrag<TaskFlowNode> = useStableCallback((event, node) => {
    const pointer = pointerOf(event);
    const target = findDropTarget(node.id, pointer.x, pointer.y);
    setDrop((current) =>
      current?.targetId === target?.targetId && current?.state === target?.state && current?.index === target?.index
        ? current
        : target,
    );
  });

  const onNodeDragStop: OnNodeDrag<TaskFlowNode> = useStableCallback((event, node) => {
    const pointer = pointerOf(event);
    const target = findDropTarget(node.id, pointer.x, pointer.y);
    setDrag(null);
    setDrop(null);
    if (!target) return;
    if (target.state === 'invalid') {
      // "Already there" is not worth a message; every other refusal is shown.
      if (target.reason && target.reason !== 'The task is already there.') onRefuse?.(target.reason);
      return;
    }
    onMove?.(node.id, target.parentId, target.index);
  });

  return { drag, drop, onNodesChange, onNodeDrag, onNodeDragStop };
}
