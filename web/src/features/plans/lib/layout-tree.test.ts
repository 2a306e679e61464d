import { describe, expect, it } from 'vitest';
import { layoutBounds, layoutTree, NODE_HEIGHT, NODE_WIDTH } from '@/features/plans/lib/layout-tree';
import { indexTasks, visibleTasks } from '@/features/plans/lib/task-tree';
import { makeLargePlan, makeShoppingCartPlan } from '@/testing/data-generators';

describe('layoutTree', () => {
  it('puts the root on the left, centred on its children, kept in plan order top to bottom', () => {
    const tasks = visibleTasks(indexTasks(makeShoppingCartPlan().tasks), new Set());
    const positions = layoutTree(tasks);
    const root = positions.get('root')!;
    const children = ['research', 'design', 'schema', 'logic', 'api', 'frontend', 'tests'].map((id) => positions.get(id)!);
    for (const child of children) expect(child.x).toBeGreaterThanOrEqual(root.x + NODE_WIDTH);
    const ys = children.map((c) => c.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(root.y).toBeCloseTo((ys[0]! + ys[ys.length - 1]!) / 2);
  });

  it('never overlaps two cards, and lays out 2,000 tasks quickly', () => {
    const tasks = makeLargePlan(2000).tasks;
    const started = performance.now();
    const positions = layoutTree(tasks);
    const elapsed = performance.now() - started;
    expect(positions.size).toBe(2000);
    const byColumn = new Map<number, number[]>();
    for (const point of positions.values()) byColumn.set(point.x, [...(byColumn.get(point.x) ?? []), point.y]);
    for (const ys of byColumn.values()) {
      ys.sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(NODE_HEIGHT);
    }
    expect(elapsed).toBeLessThan(500);
  });

  it('treats a task whose parent is hidden as a root', () => {
    const positions = layoutTree(makeShoppingCartPlan().tasks.filter((task) => task.id !== 'root'));
    expect(positions.get('research')?.x).toBe(positions.get('tests')?.x);
  });
});

describe('layoutBounds', () => {
  it('is the box around every card, from the top-left card corner to the bottom-right one', () => {
    const positions = new Map([
      ['a', { x: 16, y: 40 }],
      ['b', { x: 320, y: 16 }],
      ['c', { x: 320, y: 120 }],
    ]);
    expect(layoutBounds(positions)).toEqual({ x: 16, y: 16, width: 320 + NODE_WIDTH - 16, height: 120 + NODE_HEIGHT - 16 });
  });

  it('is null when there is nothing to show', () => {
    expect(layoutBounds(new Map())).toBeNull();
  });
});
