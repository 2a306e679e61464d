import { describe, expect, it } from 'vitest';
import {
  applyMove,
  checkMove,
  findCycle,
  indexTasks,
  matchesFilter,
  nextMode,
  subtreeIds,
  visibleTasks,
} from '@/features/plans/lib/task-tree';
import { makeShoppingCartPlan, makeTask } from '@/testing/data-generators';

const nested = () => [
  makeTask({ id: 'r', title: 'Root' }),
  makeTask({ id: 'a', parentId: 'r', order: 0, title: 'A' }),
  makeTask({ id: 'b', parentId: 'r', order: 1, title: 'B' }),
  makeTask({ id: 'a1', parentId: 'a', order: 0, title: 'A1' }),
  makeTask({ id: 'a2', parentId: 'a', order: 1, title: 'A2' }),
];

describe('task tree', () => {
  it('orders children by their order field', () => {
    const tasks = nested().reverse();
    const index = indexTasks(tasks);
    expect(index.roots.map((t) => t.id)).toEqual(['r']);
    expect(index.children.get('r')?.map((t) => t.id)).toEqual(['a', 'b']);
    expect(index.children.get('a')?.map((t) => t.id)).toEqual(['a1', 'a2']);
  });

  it('hides what is under a collapsed task', () => {
    const index = indexTasks(nested());
    expect(visibleTasks(index, new Set(['a'])).map((t) => t.id)).toEqual(['r', 'a', 'b']);
    expect(visibleTasks(index, new Set()).map((t) => t.id)).toEqual(['r', 'a', 'a1', 'a2', 'b']);
    expect([...subtreeIds(index, 'a')].sort()).toEqual(['a', 'a1', 'a2']);
  });

  it('refuses a move under the task’s own descendant', () => {
    const result = checkMove(nested(), 'a', 'a1', 0);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('own descendant') });
  });

  it('refuses moving the root and moving a task under itself', () => {
    expect(checkMove(nested(), 'r', 'a', 0).ok).toBe(false);
    expect(checkMove(nested(), 'a', 'a', 0).ok).toBe(false);
  });

  it('refuses a move that makes a dependency cycle', () => {
    // B depends on A1; putting A under B makes B wait for A1 twice over: as parent and as dependant.
    const tasks = nested().map((t) => (t.id === 'a1' ? { ...t, dependsOn: ['b'] } : t));
    const result = checkMove(tasks, 'a', 'b', 0);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/cycle/);
  });

  it('accepts a valid move and reorders siblings', () => {
    expect(checkMove(nested(), 'a2', 'b', 0)).toEqual({ ok: true });
    const moved = applyMove(nested(), 'a2', 'r', 0);
    const index = indexTasks(moved);
    expect(index.children.get('r')?.map((t) => t.id)).toEqual(['a2', 'a', 'b']);
    expect(index.children.get('a')?.map((t) => t.id)).toEqual(['a1']);
  });

  it('treats a drop where the task already is as no move', () => {
    expect(checkMove(nested(), 'b', 'r', 1).ok).toBe(false);
    expect(checkMove(nested(), 'b', 'r', 0).ok).toBe(true);
  });

  it('finds no cycle in the shopping cart plan', () => {
    expect(findCycle(makeShoppingCartPlan().tasks)).toBeNull();
  });

  it('cycles modes Auto → Interactive → Hybrid → Auto', () => {
    expect(nextMode('autonomous')).toBe('interactive');
    expect(nextMode('interactive')).toBe('hybrid');
    expect(nextMode('hybrid')).toBe('autonomous');
  });

  it('filters by status and search text', () => {
    const task = makeTask({ title: 'Design cart UI', status: 'awaiting-input', mode: 'hybrid' });
    expect(matchesFilter(task, 'needs-me', '')).toBe(true);
    expect(matchesFilter(task, 'completed', '')).toBe(false);
    expect(matchesFilter(task, 'all', 'cart')).toBe(true);
    expect(matchesFilter(task, 'all', 'database')).toBe(false);
  });
});
