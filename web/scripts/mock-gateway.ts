// A stand-in for the gateway, kept in memory, for working on the web app without the .NET services and for the
// browser benchmark (which needs a plan of 2,000 tasks and a controlled rate of status changes). Its handlers are
// MSW handlers typed by the services' OpenAPI documents (openapi-msw over src/types/api.ts `paths`), so a route
// or an answer that differs from what a service describes is a type error; @mswjs/http-middleware serves them
// over HTTP, beside dist/ with the SPA fallback the gateway has.
//
//   npx tsx scripts/mock-gateway.ts [--port 8099]
//
// The gallery's text search is a word overlap here, not the Planner's; a plan from a pattern copies its tree.
// Extra routes, only here: POST /api/mock/large-plan?count=N creates a plan of N tasks;
// POST /api/mock/churn?planId=..&rate=R&seconds=S changes R task statuses a second for S seconds.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMiddleware } from '@mswjs/http-middleware';
import express from 'express';
import { http, HttpResponse } from 'msw';
import { createOpenApiHttp } from 'openapi-msw';
import { makeMessage, makeTask } from '../src/testing/data-generators';
import type {
  AcceptedProposal,
  Conversation,
  ConversationMessage,
  Decomposition,
  Experiment,
  ExperimentResults,
  ExecutionStatus,
  paths,
  Pattern,
  PatternSummary,
  PatternTask,
  PlanEvent,
  PlanView,
  PromptTemplate,
  PromptVersion,
  ProposedSubtask,
  SubtaskProposal,
  SystemHealth,
  Task,
  TaskMode,
  TaskStatus,
  VariantResult,
} from '../src/types/api';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || process.env.PORT || 8099);
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const tick = Number(process.env.MOCK_TICK_MS || 1200);

const api = createOpenApiHttp<paths>();

type MockTask = Task & { asked?: boolean };
type MockPlan = Omit<PlanView, 'tasks'> & {
  tasks: MockTask[];
  history: PlanEvent[];
  snapshots: Map<number, string>;
  savedAsPattern?: string;
  churnOnly?: boolean;
};
type MockConversation = { id: string; taskId: string; planId: string; brief: string; messages: ConversationMessage[] };
type MockPattern = Omit<Pattern, 'taskCount' | 'successRate'>;
type MockExperiment = Experiment & { n: number; winner: string | null };

const plans = new Map<string, MockPlan>();
const conversations = new Map<string, MockConversation>();
const patterns = new Map<string, MockPattern>();
const subscribers = new Map<string, Set<(frame: string) => void>>();

const now = () => new Date().toISOString();
const noCost = () => ({ tokens: 0, usd: 0 });

function problem(status: number, detail: string, title = 'Bad request') {
  return HttpResponse.json({ type: 'about:blank', title, status, detail }, { status, headers: { 'Content-Type': 'application/problem+json' } });
}
const notFound = (detail: string) => problem(404, detail, 'Not found');
const conflict = (detail: string, title = 'Conflict') => problem(409, detail, title);

/** The body as JSON: `{}` when there is none, null when it is not JSON. */
async function readBody(request: Request): Promise<Record<string, unknown> | null> {
  const text = await request.text();
  if (!text) return {};
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// The HTTP server marks each request with its connection, so a stream learns when the person went away.
const connectionHeader = 'x-mock-connection';
const connections = new Map<string, AbortSignal>();
const connectionClosed = (request: Request) => connections.get(request.headers.get(connectionHeader) ?? '') ?? new AbortController().signal;

/** A server-sent events response whose frames `open` sends through `write`; `close` runs when the client leaves. */
function eventStream(request: Request, headers: Record<string, string>, open: (write: (frame: string) => void, end: () => void) => () => void) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        controller.close();
      };
      const close = open((frame) => {
        if (!ended) controller.enqueue(encoder.encode(frame));
      }, end);
      connectionClosed(request).addEventListener('abort', () => {
        close();
        end();
      });
    },
  });
  return new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', ...headers } });
}

function message(role: ConversationMessage['role'], content: string, fields: Partial<ConversationMessage> = {}): ConversationMessage {
  return makeMessage({
    id: randomUUID(),
    role,
    author: role === 'user' ? 'person' : 'assistant',
    content,
    at: now(),
    tokens: Math.ceil(content.length / 4),
    ...fields,
  });
}

function newConversation(plan: MockPlan, taskId: string, brief: string | null) {
  const id = randomUUID();
  conversations.set(id, { id, taskId, planId: plan.id, brief: brief ?? '', messages: brief ? [message('user', brief)] : [] });
  return id;
}

function conversationView(conversation: MockConversation): Conversation {
  const task = plans.get(conversation.planId)?.tasks.find((t) => t.id === conversation.taskId);
  return {
    id: conversation.id,
    taskId: conversation.taskId,
    planId: conversation.planId,
    parentId: task?.parentId ?? null,
    title: task?.title ?? '',
    mode: task?.mode ?? 'interactive',
    brief: conversation.brief,
    expectedOutputs: task?.expectedOutputs ?? [],
    inputs: [],
    status: task?.status === 'awaiting-input' ? 'awaiting-input' : 'idle',
    pendingQuestion: task?.status === 'awaiting-input' ? task.question : null,
    recap: null,
    messages: conversation.messages,
  };
}

function addTask(plan: MockPlan, fields: Partial<Task>): MockTask {
  const task: MockTask = makeTask({ id: randomUUID(), title: 'Task', ...fields });
  task.conversationId = newConversation(plan, task.id, task.objective ? `Brief: ${task.objective}` : null);
  plan.tasks.push(task);
  return task;
}

function taskView({ asked: _asked, ...task }: MockTask): Task {
  return { ...task, dependsOn: [...task.dependsOn] };
}

function view(plan: MockPlan): PlanView {
  const { history: _history, snapshots: _snapshots, savedAsPattern: _saved, churnOnly: _churn, tasks, ...rest } = plan;
  return { ...rest, tasks: tasks.map(taskView) };
}

// Sends the whole plan with each change, or with `compact` only the event (as the benchmark's churn
// does: the web app patches a status from such an event without refetching).
function record(plan: MockPlan, type: string, data: unknown, compact = false) {
  plan.version += 1;
  plan.updatedAt = now();
  const event: PlanEvent = { version: plan.version, type, at: plan.updatedAt, data };
  plan.history.push(event);
  if (!compact) plan.snapshots.set(plan.version, JSON.stringify(view(plan)));
  const frame = compact
    ? `id: ${plan.version}\nevent: event\ndata: ${JSON.stringify(event)}\n\n`
    : `id: ${plan.version}\nevent: plan\ndata: ${JSON.stringify(view(plan))}\n\n`;
  for (const write of subscribers.get(plan.id) ?? []) write(frame);
}

function childrenOf(plan: MockPlan, id: string) {
  return plan.tasks.filter((task) => task.parentId === id).sort((a, b) => a.order - b.order);
}

function subtree(plan: MockPlan, id: string) {
  const ids = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const task of plan.tasks) {
      if (task.parentId && ids.has(task.parentId) && !ids.has(task.id)) {
        ids.add(task.id);
        grew = true;
      }
    }
  }
  return ids;
}

function renumber(plan: MockPlan, parentId: string) {
  childrenOf(plan, parentId).forEach((task, order) => {
    task.order = order;
  });
}

const rootOf = (plan: MockPlan) => plan.tasks.find((t) => t.parentId === null)!;

function createPlan(request: string, title?: string | null) {
  const plan: MockPlan = {
    id: randomUUID(),
    title: title || request.split(/[.!?\n]/)[0]!.slice(0, 80),
    request,
    status: 'draft',
    version: 0,
    tasks: [],
    history: [],
    snapshots: new Map(),
    createdAt: now(),
    updatedAt: now(),
    decompositionPromptVersionId: null,
    patterns: [],
    rating: null,
    cost: noCost(),
  };
  plans.set(plan.id, plan);
  addTask(plan, { title: plan.title, objective: request, mode: 'interactive' });
  record(plan, 'plan-created', { request, title: plan.title });
  return plan;
}

// The gallery: a pattern keeps a plan's tree (without statuses, conversations or results) and its record.
function patternSummary({ sourcePlanId: _source, tasks, ...pattern }: MockPattern): PatternSummary {
  return { ...pattern, taskCount: tasks.length, successRate: pattern.uses > 0 ? pattern.successes / pattern.uses : null };
}

function patternView(pattern: MockPattern): Pattern {
  return { ...patternSummary(pattern), sourcePlanId: pattern.sourcePlanId, tasks: pattern.tasks };
}

// The tree below the plan's request: the root's children are the pattern's top level.
function saveAsPattern(plan: MockPlan, origin: Pattern['origin']) {
  const root = rootOf(plan);
  const below = subtree(plan, root.id);
  const kept = plan.tasks.filter((t) => t.id !== root.id && below.has(t.id));
  const pattern: MockPattern = {
    id: randomUUID(),
    title: plan.title,
    request: plan.request,
    uses: 0,
    successes: 0,
    origin,
    createdAt: now(),
    sourcePlanId: plan.id,
    tasks: kept.map(({ id, parentId, title, objective, mode, dependsOn, expectedOutputs, order }): PatternTask => ({
      id,
      parentId: parentId === root.id ? null : parentId,
      title,
      objective,
      mode,
      dependsOn: [...dependsOn],
      expectedOutputs,
      order,
    })),
  };
  patterns.set(pattern.id, pattern);
  plan.savedAsPattern = pattern.id;
  return pattern;
}

/** Words the query and the pattern's title and request share: a stand-in for the Planner's text search. */
function patternScore(pattern: MockPattern, query: string) {
  const words = (text: string) => new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
  const have = words(`${pattern.title} ${pattern.request}`);
  return [...words(query)].filter((w) => have.has(w)).length;
}

function planFromPattern(pattern: MockPattern, request: string, title?: string | null) {
  const plan = createPlan(request, title);
  const root = plan.tasks[0]!;
  const ids = new Map<string, string>();
  const copies = pattern.tasks.map((source) => {
    const copy = addTask(plan, { title: source.title, objective: `${source.objective} (for: ${request})`, mode: source.mode, order: source.order });
    ids.set(source.id, copy.id);
    return { source, copy };
  });
  for (const { source, copy } of copies) {
    copy.parentId = source.parentId === null ? root.id : (ids.get(source.parentId) ?? root.id);
    copy.dependsOn = source.dependsOn.flatMap((id) => ids.get(id) ?? []);
  }
  plan.status = 'proposed';
  plan.patterns = [{ id: pattern.id, title: pattern.title }];
  pattern.uses += 1;
  record(plan, 'plan-proposed-from-pattern', { patternId: pattern.id });
  return plan;
}

const proposal: [string, TaskMode, number[]][] = [
  ['Research best practices', 'autonomous', []],
  ['Design the user interface', 'interactive', []],
  ['Set up the database schema', 'autonomous', []],
  ['Implement the core logic', 'hybrid', [2]],
  ['Create API endpoints', 'autonomous', [3]],
  ['Frontend integration', 'interactive', [1, 4]],
  ['Write tests', 'autonomous', [5]],
];

function decompose(plan: MockPlan, task: MockTask): Decomposition {
  const existing = childrenOf(plan, task.id);
  const isRoot = task.parentId === null;
  if (isRoot) for (const child of existing) for (const id of subtree(plan, child.id)) plan.tasks = plan.tasks.filter((t) => t.id !== id);
  const items: [string, TaskMode, number[]][] = isRoot
    ? proposal
    : [
        [`Clarify: ${task.title}`, 'interactive', []],
        [`Do: ${task.title}`, 'autonomous', [0]],
        [`Check: ${task.title}`, 'autonomous', [1]],
      ];
  const start = isRoot ? 0 : existing.length;
  const created: MockTask[] = [];
  items.forEach(([title, mode, deps], i) => {
    const child = addTask(plan, { parentId: task.id, title, mode, order: start + i, objective: `${title} for: ${plan.request}` });
    child.dependsOn = deps.map((d) => created[d]!.id);
    created.push(child);
  });
  if (plan.status === 'draft' || isRoot) plan.status = 'proposed';
  record(plan, 'decomposition-proposed', { taskId: task.id, children: created.map((c) => c.id) });
  const reason = `“${task.title}” spans several kinds of work; each part gets one focused brief.`;
  return {
    planId: plan.id,
    taskId: task.id,
    action: 'split',
    reason,
    promptVersionId: 'decompose-v1',
    attempts: 1,
    repairs: [],
    patterns: [],
    version: plan.version,
    tasks: created.map(taskView),
  };
}

function wouldCycle(plan: MockPlan) {
  const waits = new Map(plan.tasks.map((t) => [t.id, [...t.dependsOn]]));
  for (const t of plan.tasks) if (t.parentId) waits.get(t.parentId)?.push(t.id);
  const state = new Map<string, number>();
  const visit = (id: string): boolean => {
    state.set(id, 1);
    for (const next of waits.get(id) ?? []) {
      if (state.get(next) === 1) return true;
      if (!state.has(next) && visit(next)) return true;
    }
    state.set(id, 2);
    return false;
  };
  return plan.tasks.some((t) => !state.has(t.id) && visit(t.id));
}

// Execution: a small scheduler that moves tasks along the way the Executor would.
function advance(plan: MockPlan) {
  if (plan.status !== 'running' || plan.churnOnly) return;
  const byId = new Map(plan.tasks.map((t) => [t.id, t]));
  let changed = false;
  for (const task of plan.tasks) {
    const kids = childrenOf(plan, task.id);
    if (kids.length > 0) {
      if (task.status !== 'completed' && kids.every((k) => k.status === 'completed')) {
        task.status = 'completed';
        task.result = `Combined the results of ${kids.length} subtasks.`;
        changed = true;
      } else if (task.status === 'pending' && kids.some((k) => k.status !== 'pending')) {
        task.status = 'active';
        changed = true;
      }
      continue;
    }
    const depsDone = task.dependsOn.every((d) => byId.get(d)?.status === 'completed');
    const chat = conversations.get(task.conversationId);
    if (task.status === 'pending' && depsDone) {
      task.status = 'ready';
      changed = true;
    } else if (task.status === 'ready' && task.mode !== 'interactive') {
      task.status = 'active';
      changed = true;
    } else if (task.status === 'active' && task.mode === 'autonomous') {
      task.status = 'completed';
      task.result = `Done: ${task.title}.`;
      chat?.messages.push(message('assistant', `I completed **${task.title}**.\n\n- Looked at the brief\n- Produced the result`, { tokens: 42 }));
      changed = true;
    } else if (task.status === 'active' && task.mode === 'hybrid' && !task.asked) {
      task.status = 'awaiting-input';
      task.asked = true;
      task.question = `Which approach do you prefer for “${task.title}”: the simple one or the flexible one?`;
      chat?.messages.push(message('assistant', task.question, { tokens: 24 }));
      changed = true;
    }
  }
  if (plan.tasks.every((t) => t.status === 'completed')) {
    plan.status = 'completed';
    for (const ref of plan.patterns) {
      const pattern = patterns.get(ref.id);
      if (pattern) pattern.successes += 1;
    }
    // A plan that succeeded goes into the gallery by itself.
    if (!plan.savedAsPattern && childrenOf(plan, rootOf(plan).id).length > 0) saveAsPattern(plan, 'proven');
  }
  if (changed) record(plan, 'task-statuses-changed', {});
}

setInterval(() => {
  for (const plan of plans.values()) advance(plan);
}, tick).unref();

/** A proposal of child chats when the message asks to split, as the simulator makes one. */
function splitProposal(content: string, title: string): SubtaskProposal | null {
  if (!/\bsplit\b|\bbreak (this|it) down\b|\binto parts\b|\bchild chats\b/i.test(content)) return null;
  const part = (key: string, verb: string, mode: TaskMode, dependsOn: string[], output: string): ProposedSubtask => ({
    key,
    title: `${verb}: ${title}`,
    objective: `${verb} for “${title}”.`,
    mode,
    dependsOn,
    expectedOutputs: [output],
  });
  return {
    id: randomUUID(),
    status: 'open',
    reason: `“${title}” mixes finding out, deciding and doing.`,
    subtasks: [part('research', 'Research', 'autonomous', [], 'Research notes'), part('design', 'Design', 'interactive', ['research'], 'Design decisions')],
    taskIds: [],
  };
}

function findProposal(conversation: MockConversation, proposalId: string) {
  return conversation.messages.map((m) => m.proposal).find((p) => p?.id === proposalId) ?? null;
}

function taskOfConversation(conversation: MockConversation) {
  const plan = plans.get(conversation.planId);
  const task = plan?.tasks.find((t) => t.id === conversation.taskId);
  return plan && task ? { plan, task } : null;
}

// The reply in the Vercel AI SDK UI message stream protocol, a word every 45 ms; no OpenAPI document can describe
// this stream, so it is written out here. A reply the person stops (the connection closes) is kept as stopped.
function streamReply(request: Request, conversation: MockConversation, content: string) {
  const owner = taskOfConversation(conversation);
  const title = owner?.task.title ?? 'this task';
  conversation.messages.push(message('user', content));
  const messageId = randomUUID();
  const proposed = splitProposal(content, title);
  const reply = `You asked: “${content.slice(0, 2000)}”.\n\nHere is a focused answer for **${title}**:\n\n1. Start from the brief.\n2. Keep the scope small.\n\n\`\`\`ts\nconst done = true;\n\`\`\`\n\n_(Simulated reply.)_`;
  const words = reply.split(/(?<=\s)/);
  return eventStream(request, { 'x-vercel-ai-ui-message-stream': 'v1' }, (write, end) => {
    const send = (part: unknown) => write(`data: ${JSON.stringify(part)}\n\n`);
    let i = 0;
    let finished = false;
    const finish = (stopped: boolean) => {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      const text = words.slice(0, i).join('');
      conversation.messages.push(
        message('assistant', text, {
          id: messageId,
          tokens: i * 2,
          status: stopped ? 'stopped' : 'complete',
          promptVersionId: 'chat-v1',
          proposal: stopped ? null : proposed,
        }),
      );
      if (owner && owner.task.status === 'awaiting-input') {
        owner.task.status = 'active';
        owner.task.question = null;
        record(owner.plan, 'task-resumed', { taskId: owner.task.id });
        setTimeout(() => {
          owner.task.status = 'completed';
          owner.task.result = 'Finished with the person’s answer.';
          record(owner.plan, 'task-completed', { taskId: owner.task.id });
        }, tick);
      }
    };
    send({ type: 'start', messageId });
    send({ type: 'start-step' });
    send({ type: 'text-start', id: 'text-1' });
    const timer = setInterval(() => {
      if (i < words.length) {
        send({ type: 'text-delta', id: 'text-1', delta: words[i++] });
        return;
      }
      finish(false);
      send({ type: 'text-end', id: 'text-1' });
      if (proposed) send({ type: 'data-subtask-proposal', data: { messageId, proposal: proposed } });
      send({ type: 'finish-step' });
      send({ type: 'finish', messageMetadata: { tokens: i * 2, promptVersionId: 'chat-v1' } });
      write('data: [DONE]\n\n');
      end();
    }, 45);
    return () => finish(true);
  });
}

function version(name: string, number: number, text: string, createdAt: string, labels: string[]): PromptVersion {
  return { versionId: `${name}-v${number}`, name, number, text, createdAt, labels, note: null, author: 'built-in', origin: null, parameters: {} };
}

function template(name: string, description: string, versions: PromptVersion[]): PromptTemplate {
  const production = versions.find((v) => v.labels.includes('production'));
  return {
    name,
    description,
    createdAt: versions[0]!.createdAt,
    updatedAt: versions[versions.length - 1]!.createdAt,
    experimentId: null,
    labels: production ? { production: production.versionId } : {},
    versions,
  };
}

const prompts: PromptTemplate[] = [
  template('decompose', 'Splits a request into focused subtasks', [
    version('decompose', 1, 'You are a task decomposition expert…', '2026-11-01T10:00:00Z', ['production']),
    version('decompose', 2, 'Decompose the request into 3-8 subtasks…', '2026-11-10T10:00:00Z', []),
    version('decompose', 3, 'Given the request, decide: execute or decompose…', '2026-11-20T10:00:00Z', []),
  ]),
  template('chat', 'Answers inside one task’s conversation', [version('chat', 1, 'You work on one focused task…', '2026-11-01T10:00:00Z', ['production'])]),
];

const experiments = new Map<string, MockExperiment>();

function experimentView({ n: _n, winner: _winner, ...experiment }: MockExperiment): Experiment {
  return experiment;
}

function results(experiment: MockExperiment): ExperimentResults {
  experiment.n += 37;
  const truth = [0.58, 0.69, 0.62];
  const variants: VariantResult[] = experiment.variants.map((v, i) => {
    const n = experiment.n + i * 11;
    const p = Math.round(n * truth[i % truth.length]!) / n;
    const z = 1.96;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    return {
      versionId: v.versionId,
      variant: v.variant,
      weight: v.weight,
      assigned: n,
      n,
      successes: Math.round(n * p),
      rate: p,
      low: centre - half,
      high: centre + half,
      pValue: i === 0 ? null : Math.max(0.0001, 0.4 / Math.sqrt(n)),
      probabilityBest: 0,
      meanLatencyMs: null,
      meanTokens: null,
      meanValue: null,
    };
  });
  const best = variants.reduce((a, b) => ((b.rate ?? 0) > (a.rate ?? 0) ? b : a), variants[0]!);
  for (const v of variants) v.probabilityBest = v === best ? 0.93 : 0.07 / Math.max(1, variants.length - 1);
  const winner = experiment.n > 600 ? best.versionId : experiment.winner;
  const { variants: _variants, stopReason: _stopReason, ...rest } = experimentView(experiment);
  return {
    ...rest,
    variants,
    winner,
    decision: winner ? `${winner} is better with 95% confidence.` : 'Not enough outcomes yet.',
    adjustedSignificance: experiment.significance,
  };
}

const executionStatus = (status: TaskStatus): ExecutionStatus['status'] => (status === 'ready' ? 'queued' : status);

function execution(plan: MockPlan, task: MockTask): ExecutionStatus {
  return {
    taskId: task.id,
    planId: plan.id,
    status: executionStatus(task.status),
    attempts: 1,
    startedAt: plan.createdAt,
    completedAt: null,
    tokens: 120,
    costUsd: 0,
    turns: 1,
    lastError: null,
    question: task.question,
    summary: null,
  };
}

function planOfTask(taskId: string) {
  for (const plan of plans.values()) {
    const task = plan.tasks.find((t) => t.id === taskId);
    if (task) return { plan, task };
  }
  return null;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

const handlers = [
  http.get('/api/system/health', () =>
    HttpResponse.json<SystemHealth>({ services: ['planner', 'executor', 'conversation', 'prompt-analytics'].map((name) => ({ name, status: 'healthy' })) }),
  ),
  api.get('/api/model', ({ response }) => response(200).json({ provider: 'simulator', model: 'orchestrator-simulator', simulated: true })),

  api.get('/api/plans', ({ response }) =>
    response(200).json([...plans.values()].map(({ id, title, status, createdAt, updatedAt, tasks }) => ({ id, title, status, createdAt, updatedAt, tasks: tasks.length }))),
  ),
  api.post('/api/plans', async ({ request, response }) => {
    const body = await readBody(request);
    const wanted = text(body?.request);
    if (!body || !wanted) return response.untyped(problem(400, 'Write what you want done in "request".'));
    const title = typeof body.title === 'string' ? body.title : null;
    const patternId = typeof body.patternId === 'string' ? body.patternId : undefined;
    if (body.patternId !== undefined && !(patternId && patterns.has(patternId))) return response.untyped(notFound(`Pattern ${String(body.patternId)} is not in the gallery.`));
    const plan = patternId ? planFromPattern(patterns.get(patternId)!, wanted, title) : createPlan(wanted, title);
    return response(201).json(view(plan), { headers: { Location: `/api/plans/${plan.id}`, ETag: `"${plan.version}"` } });
  }),

  api.get('/api/plans/{planId}', ({ params, query, response }) => {
    const plan = plans.get(params.planId);
    if (!plan) return response.untyped(notFound(`Plan ${params.planId} does not exist.`));
    const asked = query.get('version');
    if (asked) {
      const snapshot = plan.snapshots.get(Number(asked));
      if (!snapshot) return response.untyped(notFound(`Plan ${plan.id} has no version ${asked}.`));
      return response.untyped(new HttpResponse(snapshot, { headers: { 'Content-Type': 'application/json' } }));
    }
    // The view written when this version was recorded, when there is one: a large plan is not serialized again for
    // each page load, which would hold back the app's own files behind it.
    const written = plan.snapshots.get(plan.version);
    if (written) {
      return response.untyped(new HttpResponse(written, { headers: { 'Content-Type': 'application/json', ETag: `"${plan.version}"` } }));
    }
    return response(200).json(view(plan), { headers: { ETag: `"${plan.version}"` } });
  }),
  api.get('/api/plans/{planId}/history', ({ params, response }) => {
    const plan = plans.get(params.planId);
    return plan ? response(200).json(plan.history) : response.untyped(notFound(`Plan ${params.planId} does not exist.`));
  }),
  api.get('/api/plans/{planId}/stream', ({ params, request, response }) => {
    const plan = plans.get(params.planId);
    if (!plan) return response.untyped(notFound(`Plan ${params.planId} does not exist.`));
    return response.untyped(
      eventStream(request, {}, (write) => {
        write(`retry: 1000\nid: ${plan.version}\nevent: plan\ndata: ${JSON.stringify(view(plan))}\n\n`);
        const set = subscribers.get(plan.id) ?? new Set();
        set.add(write);
        subscribers.set(plan.id, set);
        return () => set.delete(write);
      }),
    );
  }),
  api.post('/api/plans/{planId}/approve', ({ params, response }) => {
    const plan = plans.get(params.planId);
    if (!plan) return response.untyped(notFound(`Plan ${params.planId} does not exist.`));
    if (plan.status !== 'proposed' && plan.status !== 'draft') return response.untyped(conflict(`The plan is ${plan.status}; only a proposed plan can be approved.`));
    plan.status = 'running';
    record(plan, 'plan-approved', {});
    return response(200).json(view(plan));
  }),
  api.post('/api/plans/{planId}/save-as-pattern', ({ params, response }) => {
    const plan = plans.get(params.planId);
    if (!plan) return response.untyped(notFound(`Plan ${params.planId} does not exist.`));
    if (childrenOf(plan, rootOf(plan).id).length === 0) return response.untyped(conflict('The plan has no tasks under its request: decompose it first.'));
    if (plan.savedAsPattern && patterns.has(plan.savedAsPattern)) {
      return response.untyped(conflict(`Plan ${plan.id} is already in the gallery as pattern ${plan.savedAsPattern}.`, 'Already in the gallery'));
    }
    const pattern = saveAsPattern(plan, 'saved');
    return response(201).json(patternView(pattern), { headers: { Location: `/api/patterns/${pattern.id}` } });
  }),
  api.post('/api/plans/{planId}/rating', async ({ params, request, response }) => {
    const plan = plans.get(params.planId);
    if (!plan) return response.untyped(notFound(`Plan ${params.planId} does not exist.`));
    const body = await readBody(request);
    const score = body?.score;
    if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) return response.untyped(problem(400, '"score" must be a whole number from 1 to 5.'));
    if (plan.status !== 'completed' && plan.status !== 'failed') return response.untyped(conflict(`The plan is ${plan.status}: only a finished plan can be rated.`));
    plan.rating = { score, comment: text(body?.comment) || null, at: now() };
    record(plan, 'plan-rated', plan.rating);
    return response(200).json(view(plan));
  }),
  api.post('/api/plans/{planId}/cancel', ({ params, response }) => {
    const plan = plans.get(params.planId);
    if (!plan) return response.untyped(notFound(`Plan ${params.planId} does not exist.`));
    plan.status = 'cancelled';
    for (const t of plan.tasks) if (t.status !== 'completed') t.status = 'cancelled';
    record(plan, 'plan-cancelled', {});
    return response(200).json(view(plan));
  }),
  api.post('/api/plans/{planId}/tasks', async ({ params, request, response }) => {
    const plan = plans.get(params.planId);
    if (!plan) return response.untyped(notFound(`Plan ${params.planId} does not exist.`));
    const body = await readBody(request);
    const parent = plan.tasks.find((t) => t.id === body?.parentId);
    if (!parent) return response.untyped(problem(400, 'parentId must name a task of this plan.'));
    const title = text(body?.title);
    if (!title) return response.untyped(problem(400, 'A task needs a title.'));
    const task = addTask(plan, {
      parentId: parent.id,
      title,
      objective: text(body?.objective),
      mode: (body?.mode as TaskMode | undefined) ?? 'autonomous',
      order: childrenOf(plan, parent.id).length,
      dependsOn: Array.isArray(body?.dependsOn) ? (body.dependsOn as string[]) : [],
    });
    record(plan, 'task-added', { taskId: task.id, parentId: parent.id, title: task.title });
    return response(201).json(taskView(task));
  }),
  api.patch('/api/plans/{planId}/tasks/{taskId}', async ({ params, request, response }) => {
    const owner = planTask(params);
    if ('problem' in owner) return response.untyped(owner.problem);
    const { plan, task } = owner;
    const body = await request.json();
    const before = { ...task };
    if (body.title != null) task.title = body.title;
    if (body.objective != null) task.objective = body.objective;
    if (body.mode != null) task.mode = body.mode;
    if (body.dependsOn != null) task.dependsOn = body.dependsOn;
    if (wouldCycle(plan)) {
      Object.assign(task, before);
      return response.untyped(problem(400, 'That dependency would make a cycle.'));
    }
    record(plan, 'task-edited', { taskId: task.id, ...body });
    return response(200).json(taskView(task));
  }),
  api.delete('/api/plans/{planId}/tasks/{taskId}', ({ params, response }) => {
    const owner = planTask(params);
    if ('problem' in owner) return response.untyped(owner.problem);
    const { plan, task } = owner;
    if (!task.parentId) return response.untyped(problem(400, 'The root task cannot be deleted; cancel the plan instead.'));
    const doomed = subtree(plan, task.id);
    plan.tasks = plan.tasks.filter((x) => !doomed.has(x.id));
    for (const x of plan.tasks) x.dependsOn = x.dependsOn.filter((d) => !doomed.has(d));
    renumber(plan, task.parentId);
    record(plan, 'subtree-deleted', { taskId: task.id, removed: doomed.size });
    return response(204).empty();
  }),
  api.post('/api/plans/{planId}/tasks/{taskId}/move', async ({ params, request, response }) => {
    const owner = planTask(params);
    if ('problem' in owner) return response.untyped(owner.problem);
    const { plan, task } = owner;
    const body = await request.json();
    const parent = plan.tasks.find((x) => x.id === body.parentId);
    if (!parent) return response.untyped(problem(400, 'parentId must name a task of this plan.'));
    if (!task.parentId) return response.untyped(problem(400, 'The root task cannot be moved.'));
    if (subtree(plan, task.id).has(parent.id)) return response.untyped(problem(400, `“${task.title}” cannot move under its own descendant “${parent.title}”.`));
    const oldParent = task.parentId;
    const siblings = childrenOf(plan, parent.id).filter((x) => x.id !== task.id);
    siblings.splice(Math.max(0, Math.min(body.index ?? siblings.length, siblings.length)), 0, task);
    task.parentId = parent.id;
    siblings.forEach((x, i) => {
      x.order = i;
    });
    if (wouldCycle(plan)) {
      task.parentId = oldParent;
      renumber(plan, parent.id);
      renumber(plan, oldParent);
      return response.untyped(problem(400, 'That move would make a dependency cycle.'));
    }
    renumber(plan, oldParent);
    record(plan, 'task-moved', { taskId: task.id, parentId: parent.id, index: body.index });
    return response(200).json(view(plan));
  }),
  api.post('/api/plans/{planId}/tasks/{taskId}/clone', ({ params, response }) => {
    const owner = planTask(params);
    if ('problem' in owner) return response.untyped(owner.problem);
    const { plan, task } = owner;
    if (!task.parentId) return response.untyped(problem(400, 'The root task cannot be cloned.'));
    const copied = new Set<string>();
    const copy = (source: MockTask, parentId: string, order: number): MockTask => {
      const clone = addTask(plan, { parentId, title: source === task ? `${source.title} (copy)` : source.title, objective: source.objective, mode: source.mode, order });
      copied.add(source.id).add(clone.id);
      childrenOf(plan, source.id)
        .filter((c) => !copied.has(c.id))
        .forEach((c, i) => copy(c, clone.id, i));
      return clone;
    };
    const root = copy(task, task.parentId, childrenOf(plan, task.parentId).length);
    record(plan, 'subtree-cloned', { taskId: task.id, cloneId: root.id });
    return response(201).json(taskView(root));
  }),
  api.post('/api/plans/{planId}/tasks/{taskId}/decompose', async ({ params, response }) => {
    const owner = planTask(params);
    if ('problem' in owner) return response.untyped(owner.problem);
    await new Promise((resolve) => setTimeout(resolve, 700));
    return response(200).json(decompose(owner.plan, owner.task));
  }),

  api.get('/api/executions', ({ query, response }) => {
    const plan = plans.get(query.get('planId') ?? '');
    return response(200).json(plan ? plan.tasks.filter((t) => t.status !== 'pending').map((t) => execution(plan, t)) : []);
  }),
  api.post('/api/executions/{taskId}/complete', ({ params, response }) => {
    const owner = planOfTask(params.taskId);
    if (!owner) return response.untyped(notFound(`No task ${params.taskId}.`));
    owner.task.status = 'completed';
    owner.task.result = 'Marked done by the person.';
    record(owner.plan, 'task-completed', { taskId: owner.task.id });
    return response(200).json(execution(owner.plan, owner.task));
  }),
  api.post('/api/executions/{taskId}/retry', ({ params, response }) => {
    const owner = planOfTask(params.taskId);
    if (!owner) return response.untyped(notFound(`No task ${params.taskId}.`));
    if (owner.task.status !== 'failed') return response.untyped(conflict('Only a failed task can be retried.'));
    owner.task.status = 'ready';
    record(owner.plan, 'task-retried', { taskId: owner.task.id });
    return response(200).json(execution(owner.plan, owner.task));
  }),

  api.get('/api/conversations/{conversationId}', ({ params, response }) => {
    const conversation = conversations.get(params.conversationId);
    return conversation ? response(200).json(conversationView(conversation)) : response.untyped(notFound(`Conversation ${params.conversationId} does not exist.`));
  }),
  api.post('/api/conversations/{conversationId}/messages', async ({ params, request, response }) => {
    const conversation = conversations.get(params.conversationId);
    if (!conversation) return response.untyped(notFound(`Conversation ${params.conversationId} does not exist.`));
    const content = text((await readBody(request))?.content);
    if (!content) return response.untyped(problem(400, 'A message needs some content.'));
    return response.untyped(streamReply(request, conversation, content));
  }),
  api.post('/api/conversations/{conversationId}/proposals/{proposalId}/accept', async ({ params, request, response }) => {
    const conversation = conversations.get(params.conversationId);
    const found = conversation && findProposal(conversation, params.proposalId);
    if (!conversation || !found) return response.untyped(notFound(`Conversation ${params.conversationId} has no proposal ${params.proposalId}.`));
    if (found.status !== 'open') return response.untyped(conflict(`The proposal was ${found.status} already.`));
    const body = await request.json();
    const subtasks = body?.subtasks ?? found.subtasks;
    if (subtasks.length === 0 || subtasks.some((s) => !s.title.trim())) return response.untyped(problem(400, 'Every child chat needs a title.'));
    const owner = taskOfConversation(conversation);
    if (!owner) return response.untyped(notFound('The conversation’s task is in no plan.'));
    const { plan } = owner;
    const ids = new Map<string, string>();
    const tasks = subtasks.map((s, index) => {
      const task = addTask(plan, {
        parentId: conversation.taskId,
        title: s.title.trim(),
        objective: s.objective,
        mode: (s.mode as TaskMode) || 'interactive',
        order: childrenOf(plan, conversation.taskId).length,
      });
      ids.set(s.key || String(index + 1), task.id);
      return task;
    });
    subtasks.forEach((s, index) => {
      tasks[index]!.dependsOn = s.dependsOn.flatMap((key) => ids.get(key) ?? []);
    });
    for (const task of tasks) record(plan, 'task-added', { taskId: task.id, parentId: conversation.taskId, title: task.title });
    Object.assign(found, { status: 'accepted', subtasks, taskIds: tasks.map((t) => t.id) });
    const accepted: AcceptedProposal = { planId: plan.id, parentId: conversation.taskId, version: plan.version, tasks: tasks.map(taskView) };
    // The Conversation service passes on the Planner's answer, which its document describes as any JSON.
    return response.untyped(HttpResponse.json(accepted));
  }),
  api.post('/api/conversations/{conversationId}/proposals/{proposalId}/dismiss', ({ params, response }) => {
    const conversation = conversations.get(params.conversationId);
    const found = conversation && findProposal(conversation, params.proposalId);
    if (!found) return response.untyped(notFound(`Conversation ${params.conversationId} has no proposal ${params.proposalId}.`));
    if (found.status !== 'open') return response.untyped(conflict(`The proposal was ${found.status} already.`));
    found.status = 'dismissed';
    return response(200).empty();
  }),
  api.post('/api/conversations/{conversationId}/messages/{messageId}/feedback', async ({ params, request, response }) => {
    const conversation = conversations.get(params.conversationId);
    if (!conversation) return response.untyped(notFound(`Conversation ${params.conversationId} does not exist.`));
    const reply = conversation.messages.find((candidate) => candidate.id === params.messageId);
    if (!reply) return response.untyped(notFound(`Conversation ${params.conversationId} has no message ${params.messageId}.`));
    const body = await readBody(request);
    const verdict = body?.verdict;
    if (!body || !('verdict' in body) || !(verdict === null || verdict === 'up' || verdict === 'down')) {
      return response.untyped(problem(400, 'Send { "verdict": "up" }, { "verdict": "down" } or { "verdict": null } to clear it.'));
    }
    if (reply.role !== 'assistant') return response.untyped(problem(400, `Message ${reply.id} is not a reply: only the assistant's replies take a thumbs up or down.`));
    reply.feedback = verdict;
    return response(200).json(reply);
  }),

  api.get('/api/patterns', ({ query, response }) => {
    const wanted = (query.get('query') ?? '').trim();
    const all = [...patterns.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const found = wanted
      ? all
          .map((pattern) => ({ pattern, score: patternScore(pattern, wanted) }))
          .filter((x) => x.score > 0)
          .sort((a, b) => b.score - a.score)
          .map((x) => x.pattern)
      : all;
    return response(200).json(found.map(patternSummary));
  }),
  api.get('/api/patterns/{patternId}', ({ params, response }) => {
    const pattern = patterns.get(params.patternId);
    return pattern ? response(200).json(patternView(pattern)) : response.untyped(notFound(`Pattern ${params.patternId} is not in the gallery.`));
  }),
  api.delete('/api/patterns/{patternId}', ({ params, response }) => {
    if (!patterns.delete(params.patternId)) return response.untyped(notFound(`Pattern ${params.patternId} is not in the gallery.`));
    return response(204).empty();
  }),

  api.get('/api/prompts', ({ response }) => response(200).json(prompts)),
  api.get('/api/experiments', ({ response }) => response(200).json([...experiments.values()].map(experimentView))),
  api.post('/api/experiments', async ({ request, response }) => {
    const body = await request.json();
    const variants = body.variants ?? [];
    if (!body.prompt || variants.length < 2) return response.untyped(problem(400, 'An experiment needs a prompt and at least two variants.'));
    if (variants.some((v) => !((v.weight ?? 0) > 0))) return response.untyped(problem(400, 'Every weight must be positive.'));
    const experiment: MockExperiment = {
      id: randomUUID(),
      prompt: body.prompt,
      status: 'running',
      allocation: body.allocation === 'bandit' ? 'bandit' : 'fixed',
      metric: body.metric ?? 'task-success',
      variants: variants.map((v, i) => ({ variant: String.fromCharCode(65 + i), versionId: v.versionId ?? '', weight: v.weight ?? 1 })),
      startedAt: now(),
      endedAt: null,
      minimumSample: body.minimumSample ?? 100,
      significance: body.significance ?? 0.05,
      promotedVersionId: null,
      stopReason: null,
      n: 0,
      winner: null,
    };
    experiments.set(experiment.id, experiment);
    return response(201).json(experimentView(experiment));
  }),
  api.get('/api/experiments/{id}/results', ({ params, response }) => {
    const experiment = experiments.get(params.id);
    return experiment ? response(200).json(results(experiment)) : response.untyped(notFound(`Experiment ${params.id} does not exist.`));
  }),
  api.post('/api/experiments/{id}/stop', ({ params, response }) => {
    const experiment = experiments.get(params.id);
    if (!experiment) return response.untyped(notFound(`Experiment ${params.id} does not exist.`));
    experiment.status = 'stopped';
    experiment.endedAt = now();
    return response(200).json(experimentView(experiment));
  }),
  api.post('/api/experiments/{id}/promote', async ({ params, request, response }) => {
    const experiment = experiments.get(params.id);
    if (!experiment) return response.untyped(notFound(`Experiment ${params.id} does not exist.`));
    const body = await request.json();
    const prompt = prompts.find((p) => p.name === experiment.prompt);
    const chosen = prompt?.versions.find((v) => v.versionId === body?.versionId);
    if (!prompt || !chosen) return response.untyped(problem(400, 'That version is not a variant of this experiment’s template.'));
    for (const v of prompt.versions) v.labels = v.labels.filter((l) => l !== 'production');
    chosen.labels.push('production');
    prompt.labels = { production: chosen.versionId };
    experiment.status = 'promoted';
    experiment.winner = chosen.versionId;
    experiment.promotedVersionId = chosen.versionId;
    return response(200).json(results(experiment));
  }),
  api.get('/api/analytics/failures', ({ response }) => response(200).json([])),
  api.post('/api/outcomes', async ({ request, response }) => {
    const body = await request.json();
    if (!body.subject) return response.untyped(problem(400, 'An outcome needs a subject.'));
    return response(202).json({
      outcomeId: randomUUID(),
      at: now(),
      subject: body.subject,
      versionId: body.versionId ?? null,
      success: body.success ?? false,
      metric: body.metric ?? 'task-success',
      value: body.value ?? null,
      source: 'api',
      revises: false,
      experimentId: null,
      prompt: null,
      variant: null,
      latencyMs: null,
      tokens: null,
    });
  }),

  http.post('/api/mock/large-plan', ({ request }) => {
    const count = Math.min(20_000, Number(new URL(request.url).searchParams.get('count') || 2000));
    const plan = createPlan(`A plan of ${count} tasks`, `Large plan (${count} tasks)`);
    const ids = [plan.tasks[0]!.id];
    const modes: TaskMode[] = ['autonomous', 'interactive', 'hybrid'];
    for (let i = 1; i < count; i++) {
      const parentId = ids[Math.floor((i - 1) / 5)]!;
      ids.push(addTask(plan, { parentId, title: `Task ${i}`, mode: modes[i % 3]!, order: (i - 1) % 5 }).id);
    }
    plan.status = 'running';
    // Its statuses change only through /api/mock/churn, at the rate asked for: the scheduler would
    // change a large share of its tasks on its own clock, and the benchmark would time that clock.
    plan.churnOnly = true;
    record(plan, 'large-plan-created', { count });
    return HttpResponse.json({ id: plan.id, count }, { status: 201 });
  }),
  http.post('/api/mock/churn', ({ request }) => {
    const search = new URL(request.url).searchParams;
    const plan = plans.get(search.get('planId') ?? '');
    if (!plan) return problem(404, 'No such plan.');
    const rate = Math.min(1000, Number(search.get('rate') || 100));
    const seconds = Math.min(120, Number(search.get('seconds') || 10));
    const statuses: TaskStatus[] = ['pending', 'ready', 'active', 'completed', 'failed', 'awaiting-input'];
    const total = rate * seconds;
    let sent = 0;
    const timer = setInterval(() => {
      for (let k = 0; k < rate / 20 && sent < total; k++, sent++) {
        const task = plan.tasks[1 + Math.floor(Math.random() * (plan.tasks.length - 1))]!;
        task.status = statuses[(statuses.indexOf(task.status) + 1) % statuses.length]!;
        record(plan, 'task-status-changed', { taskId: task.id, status: task.status }, true);
      }
      if (sent >= total) clearInterval(timer);
    }, 50);
    return HttpResponse.json({ rate, seconds }, { status: 202 });
  }),
  http.all('/api/*', ({ request }) => problem(404, `No route for ${request.method} ${new URL(request.url).pathname}.`, 'Not found')),
];

function planTask(params: { planId: string; taskId: string }): { plan: MockPlan; task: MockTask } | { problem: Response } {
  const plan = plans.get(params.planId);
  if (!plan) return { problem: notFound(`Plan ${params.planId} does not exist.`) };
  const task = plan.tasks.find((x) => x.id === params.taskId);
  return task ? { plan, task } : { problem: notFound(`Task ${params.taskId} is not in this plan.`) };
}

const app = express();
app.use('/api', (req, res, next) => {
  const id = randomUUID();
  const closed = new AbortController();
  connections.set(id, closed.signal);
  req.headers[connectionHeader] = id;
  res.on('close', () => {
    connections.delete(id);
    closed.abort();
  });
  next();
});
// The app's files first: they never pass through the API's handlers, which would hold each one back.
app.use(express.static(dist));
app.use(createMiddleware(...handlers));
app.use((_req, res) => {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) {
    res.status(503).type('application/problem+json').json({ type: 'about:blank', title: 'Not built', status: 503, detail: 'Build the web app first: npm run build.' });
    return;
  }
  res.sendFile(index);
});
app.listen(port, '127.0.0.1', () => {
  console.log(`mock gateway on http://127.0.0.1:${port}`);
});
