import { describe, expect, it } from 'vitest';
import type { Task } from '@/types/api';
import {
  applyMove,
  canMarkDone,
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

  it('refuses a move that deadlocks the plan through the tree, with the cycle named', () => {
    // Research ← Design ← Build ← Tests: no cycle in the dependencies, but under Research, Tests would
    // wait for Build, Build for Design, Design for Research, and Research (now a parent) for Tests.
    const chain = () => [
      makeTask({ id: 'r', title: 'Root' }),
      makeTask({ id: 'research', parentId: 'r', order: 0, title: 'Research' }),
      makeTask({ id: 'design', parentId: 'r', order: 1, title: 'Design', dependsOn: ['research'] }),
      makeTask({ id: 'build', parentId: 'r', order: 2, title: 'Build', dependsOn: ['design'] }),
      makeTask({ id: 'tests', parentId: 'r', order: 3, title: 'Tests', dependsOn: ['build'] }),
      makeTask({ id: 'docs', parentId: 'r', order: 4, title: 'Docs', dependsOn: ['build'] }),
    ];
    expect(findCycle(chain())).toBeNull();
    const under = checkMove(chain(), 'tests', 'research', 0);
    expect(under.ok).toBe(false);
    if (!under.ok) expect(under.reason).toContain('“Tests” → “Build” → “Design” → “Research” → “Tests”');
    // The other way round, Research would start only once Build (which Tests depends on) is done.
    expect(checkMove(chain(), 'research', 'tests', 0).ok).toBe(false);
    // Two tasks that only share a dependency can nest.
    expect(checkMove(chain(), 'docs', 'tests', 0)).toEqual({ ok: true });
  });

  it('judges a move by the cycle it makes, not by an older one', () => {
    const tasks = [
      makeTask({ id: 'r', title: 'Root' }),
      makeTask({ id: 'a', parentId: 'r', order: 0, title: 'A' }),
      makeTask({ id: 'b', parentId: 'a', order: 0, title: 'B', dependsOn: ['c'] }),
      makeTask({ id: 'c', parentId: 'r', order: 1, title: 'C', dependsOn: ['a'] }),
      makeTask({ id: 'd', parentId: 'r', order: 2, title: 'D' }),
    ];
    expect(findCycle(tasks)).not.toBeNull();
    expect(checkMove(tasks, 'd', 'r', 0)).toEqual({ ok: true });
    expect(checkMove(tasks, 'b', 'r', 3)).toEqual({ ok: true });
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

describe('canMarkDone', () => {
  it('lets the person finish an interactive or hybrid task under way, and nothing else', () => {
    const tasks = nested();
    const leaf = (status: Task['status'], mode: Task['mode']) => makeTask({ id: 'b', parentId: 'r', status, mode });

    expect(canMarkDone(leaf('active', 'interactive'), tasks)).toBe(true);
    expect(canMarkDone(leaf('awaiting-input', 'hybrid'), tasks)).toBe(true);
    expect(canMarkDone(leaf('active', 'autonomous'), tasks)).toBe(false);
    expect(canMarkDone(leaf('pending', 'interactive'), tasks)).toBe(false);
    expect(canMarkDone(leaf('completed', 'interactive'), tasks)).toBe(false);
    expect(canMarkDone(leaf('cancelled', 'hybrid'), tasks)).toBe(false);
  });

  it('never offers it on a task with subtasks: their combined results complete it', () => {
    const tasks = nested();
    const parent = makeTask({ id: 'a', parentId: 'r', status: 'active', mode: 'interactive' });

    expect(canMarkDone(parent, tasks)).toBe(false);
  });
});
