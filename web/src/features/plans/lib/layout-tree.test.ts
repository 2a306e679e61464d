import { describe, expect, it } from 'vitest';
import { layoutTree, NODE_WIDTH } from '@/features/plans/lib/layout-tree';
import { indexTasks, visibleTasks } from '@/features/plans/lib/task-tree';
import { makeShoppingCartPlan } from '@/testing/data-generators';

describe('layoutTree', () => {
  it('puts the root on the left and keeps siblings in plan order, top to bottom', () => {
    const tasks = visibleTasks(indexTasks(makeShoppingCartPlan().tasks), new Set());
    const positions = layoutTree(tasks);
    const root = positions.get('root');
    const children = ['research', 'design', 'schema', 'logic', 'api', 'frontend', 'tests'].map(
      (id) => positions.get(id)!,
    );
    expect(root).toBeDefined();
    for (const child of children) expect(child.x).toBeGreaterThanOrEqual(root!.x + NODE_WIDTH);
    const ys = children.map((c) => c.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });
});
