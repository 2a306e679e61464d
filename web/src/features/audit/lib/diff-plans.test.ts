import { describe, expect, it } from 'vitest';
import { diffMarks, diffPlans, humanizeEventType } from '@/features/audit/lib/diff-plans';
import { makeArtifact, makeShoppingCartPlan, makeTask } from '@/testing/data-generators';

describe('diffPlans', () => {
  it('lists added, removed and changed tasks with readable values', () => {
    const before = makeShoppingCartPlan({ version: 3 });
    const after = {
      ...before,
      version: 4,
      status: 'running' as const,
      tasks: [
        ...before.tasks
          .filter((task) => task.id !== 'tests')
          .map((task) => (task.id === 'design' ? { ...task, mode: 'hybrid' as const, parentId: 'research' } : task)),
        makeTask({ id: 'docs', parentId: 'root', title: 'Write docs' }),
      ],
    };
    const diff = diffPlans(before, after);
    expect(diff.added.map((task) => task.id)).toEqual(['docs']);
    expect(diff.removed.map((task) => task.id)).toEqual(['tests']);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]?.changes).toEqual([
      { field: 'mode', before: 'interactive', after: 'hybrid' },
      { field: 'parent', before: 'Shopping cart feature', after: 'Research best practices' },
    ]);
    expect(diff.planChanges).toEqual([{ field: 'status', before: 'proposed', after: 'running' }]);
    expect(diffMarks(diff).get('docs')).toBe('added');
    expect(diffMarks(diff).get('design')).toBe('changed');
  });

  it('shows an artifact edited between two versions', () => {
    const before = makeTask({ id: 't', status: 'completed', artifacts: [makeArtifact({ id: 'a', name: 'snippet.py', kind: 'code' })] });
    const after = { ...before, artifacts: [makeArtifact({ id: 'a', name: 'snippet.py', kind: 'code', version: 2, edited: true })] };

    const diff = diffPlans(makeShoppingCartPlan({ tasks: [before] }), makeShoppingCartPlan({ tasks: [after] }));

    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]!.changes).toEqual([{ field: 'artifact snippet.py', before: 'v1', after: 'v2 (edited)' }]);
  });

  it('names event types for people', () => {
    expect(humanizeEventType('TaskAdded')).toBe('Task added');
    expect(humanizeEventType('Orchestrator.Planner.PlanApproved')).toBe('Plan approved');
  });
});
