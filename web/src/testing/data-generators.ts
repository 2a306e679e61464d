import type { PlanView, Task } from '@/types/api';

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${(++counter).toString().padStart(4, '0')}`;

export function makeTask(overrides: Partial<Task> = {}): Task {
  const id = overrides.id ?? nextId('task');
  return {
    id,
    parentId: null,
    title: `Task ${id}`,
    objective: '',
    mode: 'autonomous',
    status: 'pending',
    dependsOn: [],
    order: 0,
    conversationId: `conv-${id}`,
    result: null,
    ...overrides,
  };
}

/** The shopping-cart plan of the product document: a root with seven children. */
export function makeShoppingCartPlan(overrides: Partial<PlanView> = {}): PlanView {
  const root = makeTask({ id: 'root', title: 'Shopping cart feature', mode: 'interactive' });
  const child = (id: string, title: string, mode: Task['mode'], order: number, extra: Partial<Task> = {}) =>
    makeTask({ id, parentId: 'root', title, mode, order, ...extra });
  return {
    id: 'plan-1',
    title: 'Shopping cart',
    request: 'Add a shopping cart to my e-commerce site',
    status: 'proposed',
    version: 9,
    tasks: [
      root,
      child('research', 'Research best practices', 'autonomous', 0),
      child('design', 'Design cart UI', 'interactive', 1),
      child('schema', 'Set up database schema', 'autonomous', 2),
      child('logic', 'Implement cart logic', 'interactive', 3, { dependsOn: ['schema'] }),
      child('api', 'Create API endpoints', 'autonomous', 4, { dependsOn: ['logic'] }),
      child('frontend', 'Frontend integration', 'interactive', 5, { dependsOn: ['api', 'design'] }),
      child('tests', 'Write tests', 'autonomous', 6, { dependsOn: ['frontend'] }),
    ],
    ...overrides,
  };
}

/** A balanced plan of `count` tasks, `fanout` children each, for large-tree tests. */
export function makeLargePlan(count: number, fanout = 5): PlanView {
  const statuses: Task['status'][] = ['pending', 'ready', 'active', 'completed', 'failed', 'awaiting-input'];
  const modes: Task['mode'][] = ['autonomous', 'interactive', 'hybrid'];
  const tasks: Task[] = [];
  for (let i = 0; i < count; i++) {
    const parent = i === 0 ? null : `t${Math.floor((i - 1) / fanout)}`;
    tasks.push(
      makeTask({
        id: `t${i}`,
        parentId: parent,
        title: `Task number ${i}`,
        order: i === 0 ? 0 : (i - 1) % fanout,
        mode: modes[i % modes.length],
        status: statuses[i % statuses.length],
      }),
    );
  }
  return { id: 'plan-large', title: 'Large plan', request: 'Many tasks', status: 'running', version: count, tasks };
}
