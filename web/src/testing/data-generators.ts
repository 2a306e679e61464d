// Also the mock gateway's defaults (scripts/mock-gateway.ts), hence the relative import.
import type { ArtifactSummary, ConversationMessage, PlanView, Task } from '../types/api';

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
    summary: null,
    problem: null,
    attempts: 0,
    proposed: false,
    needsAttention: false,
    question: null,
    expectedOutputs: [],
    cost: { tokens: 0, usd: 0 },
    artifacts: [],
    tokens: 0,
    ...overrides,
  };
}

/** The shopping-cart plan of the product document: a root with seven children. */
/** An artifact as a task lists it: markdown, version 1, unless the test says otherwise. */
export function makeArtifact(overrides: Partial<ArtifactSummary> & Pick<ArtifactSummary, 'id' | 'name'>): ArtifactSummary {
  return { kind: 'markdown', language: null, version: 1, edited: false, fileName: overrides.name, ...overrides };
}

/** A finished message of a conversation, written by the person unless the test says otherwise. */
export function makeMessage(overrides: Partial<ConversationMessage> & Pick<ConversationMessage, 'id' | 'content'>): ConversationMessage {
  return {
    role: 'user',
    author: 'person',
    at: '2026-01-01T00:00:00Z',
    status: 'complete',
    tokens: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    promptVersionId: null,
    proposal: null,
    feedback: null,
    ...overrides,
  };
}

/** A plan with no tasks yet; the fields a test names replace the defaults. */
export function makePlan(overrides: Partial<PlanView> & Pick<PlanView, 'id'>): PlanView {
  return {
    title: `Plan ${overrides.id}`,
    request: '',
    status: 'draft',
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    decompositionPromptVersionId: null,
    tasks: [],
    patterns: [],
    rating: null,
    cost: { tokens: 0, usd: 0 },
    ...overrides,
  };
}

export function makeShoppingCartPlan(overrides: Partial<PlanView> = {}): PlanView {
  const root = makeTask({ id: 'root', title: 'Shopping cart feature', mode: 'interactive' });
  const child = (id: string, title: string, mode: Task['mode'], order: number, extra: Partial<Task> = {}) =>
    makeTask({ id, parentId: 'root', title, mode, order, ...extra });
  return makePlan({
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
  });
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
  return makePlan({ id: 'plan-large', title: 'Large plan', request: 'Many tasks', status: 'running', version: count, tasks });
}
