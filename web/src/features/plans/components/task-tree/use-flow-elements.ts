import { MarkerType, type Edge } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import {
  taskNodeHandles,
  taskNodeMeasured,
  type DropState,
  type TaskFlowNode,
  type TaskNodeData,
} from '@/features/plans/components/task-tree/task-node';
import type { TreeView } from '@/features/plans/components/task-tree/use-tree-view';
import { NODE_HEIGHT, NODE_WIDTH, type Point } from '@/features/plans/lib/layout-tree';
import { childrenOf } from '@/features/plans/lib/task-tree';
import type { Task } from '@/types/api';

export type DropTarget = { targetId: string; state: DropState; parentId: string; index: number; reason?: string };

type FlowElementsInput = {
  view: TreeView;
  selectedId: string | null;
  focusedId: string | null;
  drop: DropTarget | null;
  drag: { id: string; position: Point } | null;
  diff: ReadonlyMap<string, 'added' | 'changed'> | undefined;
  readOnly: boolean;
};

function sameData(a: TaskNodeData, b: TaskNodeData): boolean {
  return (
    a.task === b.task &&
    a.childCount === b.childCount &&
    a.collapsed === b.collapsed &&
    a.selected === b.selected &&
    a.focused === b.focused &&
    a.dimmed === b.dimmed &&
    a.dropState === b.dropState &&
    a.diff === b.diff &&
    a.onToggle === b.onToggle
  );
}

/**
 * React Flow's nodes and edges for the visible tasks. A node whose card would look the same keeps
 * its identity, so React Flow draws again only the cards that changed; edges change with the
 * structure and the dependencies, never with statuses.
 */
export function useFlowElements({ view, selectedId, focusedId, drop, drag, diff, readOnly }: FlowElementsInput) {
  const { visible, index, effectiveCollapsed, matches, toggle, positions, layoutKey } = view;

  const cache = useRef(new Map<string, TaskFlowNode>());
  const nodes = useMemo(() => {
    const next = new Map<string, TaskFlowNode>();
    const result: TaskFlowNode[] = [];
    for (const task of visible) {
      const data: TaskNodeData = {
        task,
        childCount: childrenOf(index, task.id).length,
        collapsed: effectiveCollapsed.has(task.id),
        selected: task.id === selectedId,
        focused: task.id === focusedId,
        dimmed: matches !== null && !matches.has(task.id),
        dropState: drop?.targetId === task.id ? drop.state : null,
        diff: diff?.get(task.id) ?? null,
        onToggle: toggle,
      };
      const position = drag?.id === task.id ? drag.position : (positions.get(task.id) ?? { x: 0, y: 0 });
      const previous = cache.current.get(task.id);
      const node =
        previous && sameData(previous.data, data) && previous.position === position
          ? previous
          : ({
              id: task.id,
              type: 'task',
              position,
              data,
              width: NODE_WIDTH,
              height: NODE_HEIGHT,
              measured: taskNodeMeasured,
              handles: taskNodeHandles,
              draggable: !readOnly && task.parentId !== null,
              selectable: false,
              connectable: false,
              zIndex: drag?.id === task.id ? 1000 : undefined,
            } satisfies TaskFlowNode);
      next.set(task.id, node);
      result.push(node);
    }
    cache.current = next;
    return result;
  }, [visible, index, effectiveCollapsed, selectedId, focusedId, matches, drop, diff, toggle, drag, positions, readOnly]);

  let dependencyKey = layoutKey;
  for (const task of visible) if (task.dependsOn.length > 0) dependencyKey += `${task.id}>${task.dependsOn.join(',')};`;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the structure and dependencies on purpose, not on statuses
  const edges = useMemo(() => flowEdges(visible), [dependencyKey]);

  return { nodes, edges };
}

function flowEdges(visible: readonly Task[]): Edge[] {
  const shown = new Set(visible.map((task) => task.id));
  const result: Edge[] = [];
  for (const task of visible) {
    if (task.parentId && shown.has(task.parentId)) {
      result.push({
        id: `parent-${task.id}`,
        source: task.parentId,
        target: task.id,
        sourceHandle: 'child-out',
        targetHandle: 'parent-in',
        type: 'smoothstep',
        className: 'edge-parent',
        selectable: false,
        focusable: false,
        // Nothing listens to edge clicks: no invisible wide path per edge to catch them.
        interactionWidth: 0,
      });
    }
  }
  for (const task of visible) {
    for (const dependency of task.dependsOn) {
      if (!shown.has(dependency)) continue;
      result.push({
        id: `dependency-${dependency}-${task.id}`,
        source: dependency,
        target: task.id,
        sourceHandle: 'dep-out',
        targetHandle: 'dep-in',
        type: 'dependency',
        className: 'edge-dependency',
        markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: '#8b7fd1' },
        selectable: false,
        focusable: false,
        // Nothing listens to edge clicks: no invisible wide path per edge to catch them.
        interactionWidth: 0,
      });
    }
  }
  return result;
}
