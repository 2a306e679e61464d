import dagre from '@dagrejs/dagre';
import type { Task } from '@/types/api';

export const NODE_WIDTH = 232;
export const NODE_HEIGHT = 76;

export type Point = { x: number; y: number };

/**
 * Positions the visible tasks left to right, the root on the left, with dagre. Only parent edges
 * shape the layout; dependency edges are drawn over it. Sibling order is kept as the plan orders
 * it (dagre's crossing heuristic would otherwise reorder siblings).
 */
export function layoutTree(tasks: readonly Task[]): Map<string, Point> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 72, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(tasks.map((task) => task.id));
  for (const task of tasks) graph.setNode(task.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const task of tasks) {
    if (task.parentId && ids.has(task.parentId)) graph.setEdge(task.parentId, task.id);
  }
  dagre.layout(graph, { disableOptimalOrderHeuristic: true });

  const positions = new Map<string, Point>();
  for (const task of tasks) {
    const node = graph.node(task.id);
    // dagre gives centres; React Flow wants the top-left corner.
    positions.set(task.id, { x: node.x - NODE_WIDTH / 2, y: node.y - NODE_HEIGHT / 2 });
  }
  return positions;
}

/** A key that changes only when the layout would: the visible structure, not statuses or titles. */
export function structureKey(tasks: readonly Task[]): string {
  let key = '';
  for (const task of tasks) key += `${task.id}<${task.parentId ?? ''}#${task.order};`;
  return key;
}
