// A stand-in for the gateway with the routes of the shared API.md, kept in memory, for working on
// the web app without the .NET services and for the browser benchmark (which needs a plan of 2,000
// tasks and a controlled rate of status changes). It serves dist/ with SPA fallback like the gateway.
//
//   node scripts/mock-gateway.mjs [--port 8099]
//
// The gallery's text search is a word overlap here, not the Planner's; a plan from a pattern copies its tree.
// Extra routes, only here: POST /api/mock/large-plan?count=N creates a plan of N tasks;
// POST /api/mock/churn?planId=..&rate=R&seconds=S changes R task statuses a second for S seconds.
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || process.env.PORT || 8099);
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const tick = Number(process.env.MOCK_TICK_MS || 1200);

const plans = new Map();
const conversations = new Map();
const patterns = new Map();
const subscribers = new Map();

const now = () => new Date().toISOString();

function problem(res, status, detail, title = 'Bad request') {
  res.writeHead(status, { 'Content-Type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

function json(res, body, status = 200, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function newConversation(taskId, brief) {
  const id = randomUUID();
  conversations.set(id, {
    id,
    taskId,
    messages: brief ? [{ id: randomUUID(), role: 'user', content: brief, at: now(), tokens: Math.ceil(brief.length / 4) }] : [],
  });
  return id;
}

function makeTask(plan, fields) {
  const id = randomUUID();
  const task = {
    id,
    parentId: null,
    title: 'Task',
    objective: '',
    mode: 'autonomous',
    status: 'pending',
    dependsOn: [],
    order: 0,
    conversationId: null,
    result: null,
    question: null,
    ...fields,
  };
  task.conversationId = newConversation(id, task.objective ? `Brief: ${task.objective}` : null);
  plan.tasks.push(task);
  return task;
}

function view(plan) {
  const { history, snapshots, savedAsPattern, churnOnly, createdAt, updatedAt, ...rest } = plan;
  return { ...rest, createdAt, updatedAt, tasks: plan.tasks.map((task) => ({ ...task, dependsOn: [...task.dependsOn] })) };
}

// Sends the whole plan with each change, or with `compact` only the event (as the benchmark's churn
// does: the web app patches a status from such an event without refetching).
function record(plan, type, data, compact = false) {
  plan.version += 1;
  plan.updatedAt = now();
  const event = { version: plan.version, type, at: plan.updatedAt, data };
  plan.history.push(event);
  if (!compact) plan.snapshots.set(plan.version, JSON.stringify(view(plan)));
  const payload = compact
    ? `id: ${plan.version}\nevent: event\ndata: ${JSON.stringify(event)}\n\n`
    : `id: ${plan.version}\nevent: plan\ndata: ${JSON.stringify(view(plan))}\n\n`;
  for (const res of subscribers.get(plan.id) ?? []) res.write(payload);
}

function childrenOf(plan, id) {
  return plan.tasks.filter((task) => task.parentId === id).sort((a, b) => a.order - b.order);
}

function subtree(plan, id) {
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

function renumber(plan, parentId) {
  childrenOf(plan, parentId).forEach((task, order) => {
    task.order = order;
  });
}

function createPlan(request, title) {
  const plan = {
    id: randomUUID(),
    title: title || request.split(/[.!?\n]/)[0].slice(0, 80),
    request,
    status: 'draft',
    version: 0,
    tasks: [],
    history: [],
    snapshots: new Map(),
    createdAt: now(),
    updatedAt: now(),
    patterns: [],
    rating: null,
  };
  plans.set(plan.id, plan);
  makeTask(plan, { title: plan.title, objective: request, mode: 'interactive' });
  record(plan, 'PlanCreated', { request, title: plan.title });
  return plan;
}

// The gallery: a pattern keeps a plan's tree (without statuses, conversations or results) and its record.
function patternSummary(pattern) {
  const { successes, sourcePlanId, tasks, ...summary } = pattern;
  return { ...summary, taskCount: tasks.length, successRate: pattern.uses > 0 ? successes / pattern.uses : null };
}

function patternView(pattern) {
  return { ...patternSummary(pattern), successes: pattern.successes, sourcePlanId: pattern.sourcePlanId, tasks: pattern.tasks };
}

// The tree below the plan's request: the root's children are the pattern's top level.
function saveAsPattern(plan, origin) {
  const root = plan.tasks.find((t) => t.parentId === null);
  const kept = plan.tasks.filter((t) => t.id !== root.id && subtree(plan, root.id).has(t.id));
  const pattern = {
    id: randomUUID(),
    title: plan.title,
    request: plan.request,
    uses: 0,
    successes: 0,
    origin,
    createdAt: now(),
    sourcePlanId: plan.id,
    tasks: kept.map(({ id, parentId, title, objective, mode, dependsOn, expectedOutputs, order }) => ({
      id, parentId: parentId === root.id ? null : parentId, title, objective, mode, dependsOn: [...dependsOn], expectedOutputs: expectedOutputs ?? [], order,
    })),
  };
  patterns.set(pattern.id, pattern);
  plan.savedAsPattern = pattern.id;
  return pattern;
}

/** Words the query and the pattern's title and request share: a stand-in for the Planner's text search. */
function patternScore(pattern, query) {
  const words = (text) => new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
  const wanted = words(query);
  const have = words(`${pattern.title} ${pattern.request}`);
  return [...wanted].filter((w) => have.has(w)).length;
}

function planFromPattern(pattern, request, title) {
  const plan = createPlan(request, title);
  const root = plan.tasks[0];
  const ids = new Map();
  const copies = pattern.tasks.map((source) => {
    const copy = makeTask(plan, { title: source.title, objective: `${source.objective} (for: ${request})`, mode: source.mode, order: source.order });
    ids.set(source.id, copy.id);
    return { source, copy };
  });
  for (const { source, copy } of copies) {
    copy.parentId = source.parentId === null ? root.id : ids.get(source.parentId) ?? root.id;
    copy.dependsOn = source.dependsOn.map((id) => ids.get(id)).filter(Boolean);
  }
  plan.status = 'proposed';
  plan.patterns = [{ id: pattern.id, title: pattern.title }];
  pattern.uses += 1;
  record(plan, 'PlanProposedFromPattern', { patternId: pattern.id });
  return plan;
}

const proposal = [
  ['Research best practices', 'autonomous', []],
  ['Design the user interface', 'interactive', []],
  ['Set up the database schema', 'autonomous', []],
  ['Implement the core logic', 'hybrid', [2]],
  ['Create API endpoints', 'autonomous', [3]],
  ['Frontend integration', 'interactive', [1, 4]],
  ['Write tests', 'autonomous', [5]],
];

function decompose(plan, task) {
  const existing = childrenOf(plan, task.id);
  const isRoot = task.parentId === null;
  if (isRoot) for (const child of existing) for (const id of subtree(plan, child.id)) plan.tasks = plan.tasks.filter((t) => t.id !== id);
  const items = isRoot
    ? proposal
    : [
        [`Clarify: ${task.title}`, 'interactive', []],
        [`Do: ${task.title}`, 'autonomous', [0]],
        [`Check: ${task.title}`, 'autonomous', [1]],
      ];
  const start = isRoot ? 0 : existing.length;
  const created = [];
  items.forEach(([title, mode, deps], i) => {
    const child = makeTask(plan, {
      parentId: task.id,
      title,
      mode,
      order: start + i,
      objective: `${title} for: ${plan.request}`,
    });
    child.dependsOn = deps.map((d) => created[d].id);
    created.push(child);
  });
  if (plan.status === 'draft' || isRoot) plan.status = 'proposed';
  record(plan, 'TaskDecomposed', { taskId: task.id, children: created.map((c) => c.id) });
  const reason = `“${task.title}” spans several kinds of work; each part gets one focused brief.`;
  return { planId: plan.id, taskId: task.id, action: 'split', reason, promptVersionId: 'decompose-v1', attempts: 1, repairs: [], version: plan.version, tasks: created };
}

function wouldCycle(plan) {
  const waits = new Map(plan.tasks.map((t) => [t.id, [...t.dependsOn]]));
  for (const t of plan.tasks) if (t.parentId) waits.get(t.parentId)?.push(t.id);
  const state = new Map();
  const visit = (id) => {
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
function advance(plan) {
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
    if (task.status === 'pending' && depsDone) {
      task.status = 'ready';
      changed = true;
    } else if (task.status === 'ready' && task.mode !== 'interactive') {
      task.status = 'active';
      changed = true;
    } else if (task.status === 'active' && task.mode === 'autonomous') {
      task.status = 'completed';
      task.result = `Done: ${task.title}.`;
      conversations.get(task.conversationId)?.messages.push({
        id: randomUUID(),
        role: 'assistant',
        content: `I completed **${task.title}**.\n\n- Looked at the brief\n- Produced the result`,
        at: now(),
        tokens: 42,
      });
      changed = true;
    } else if (task.status === 'active' && task.mode === 'hybrid' && !task.asked) {
      task.status = 'awaiting-input';
      task.asked = true;
      task.question = `Which approach do you prefer for “${task.title}”: the simple one or the flexible one?`;
      conversations.get(task.conversationId)?.messages.push({
        id: randomUUID(),
        role: 'assistant',
        content: task.question,
        at: now(),
        tokens: 24,
      });
      changed = true;
    }
  }
  if (plan.tasks.every((t) => t.status === 'completed')) {
    plan.status = 'completed';
    for (const ref of plan.patterns) if (patterns.has(ref.id)) patterns.get(ref.id).successes += 1;
    // A plan that succeeded goes into the gallery by itself.
    if (!plan.savedAsPattern && childrenOf(plan, plan.tasks.find((t) => t.parentId === null).id).length > 0) saveAsPattern(plan, 'proven');
  }
  if (changed) record(plan, 'TaskStatusesChanged', {});
}

setInterval(() => {
  for (const plan of plans.values()) advance(plan);
}, tick).unref();

/** A proposal of child chats when the message asks to split, as the simulator makes one. */
function splitProposal(content, title) {
  if (!/\bsplit\b|\bbreak (this|it) down\b|\binto parts\b|\bchild chats\b/i.test(content)) return null;
  const part = (key, verb, mode, dependsOn, output) => ({
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

function findProposal(conversation, proposalId) {
  return conversation.messages.map((message) => message.proposal).find((proposal) => proposal?.id === proposalId) ?? null;
}

function streamReply(res, conversation, content) {
  const task = [...plans.values()].flatMap((p) => p.tasks.map((t) => ({ p, t }))).find(({ t }) => t.conversationId === conversation.id);
  conversation.messages.push({ id: randomUUID(), role: 'user', content, at: now(), tokens: Math.ceil(content.length / 4) });
  const messageId = randomUUID();
  const proposal = splitProposal(content, task?.t.title ?? 'this task');
  const reply = `You asked: “${content.slice(0, 2000)}”.\n\nHere is a focused answer for **${task?.t.title ?? 'this task'}**:\n\n1. Start from the brief.\n2. Keep the scope small.\n\n\`\`\`ts\nconst done = true;\n\`\`\`\n\n_(Simulated reply.)_`;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'x-vercel-ai-ui-message-stream': 'v1',
  });
  const send = (part) => res.write(`data: ${JSON.stringify(part)}\n\n`);
  send({ type: 'start', messageId });
  send({ type: 'start-step' });
  send({ type: 'text-start', id: 'text-1' });
  const words = reply.split(/(?<=\s)/);
  let i = 0;
  let stopped = false;
  const finish = () => {
    clearInterval(timer);
    const text = words.slice(0, i).join('');
    conversation.messages.push({ id: messageId, role: 'assistant', content: text, at: now(), tokens: i * 2, stopped, promptVersionId: 'chat-v1', proposal: stopped ? null : proposal, feedback: null });
    if (task && task.t.status === 'awaiting-input') {
      task.t.status = 'active';
      task.t.question = null;
      record(task.p, 'InputProvided', { taskId: task.t.id });
      setTimeout(() => {
        task.t.status = 'completed';
        task.t.result = 'Finished with the person’s answer.';
        record(task.p, 'TaskCompleted', { taskId: task.t.id });
      }, tick);
    }
  };
  res.on('close', () => {
    if (i < words.length) {
      stopped = true;
      finish();
    }
  });
  const timer = setInterval(() => {
    if (i >= words.length) {
      finish();
      send({ type: 'text-end', id: 'text-1' });
      if (proposal) send({ type: 'data-subtask-proposal', data: { messageId, proposal } });
      send({ type: 'finish-step' });
      send({ type: 'finish', messageMetadata: { tokens: i * 2, promptVersionId: 'chat-v1' } });
      res.write('data: [DONE]\n\n');
      res.end();
      return;
    }
    send({ type: 'text-delta', id: 'text-1', delta: words[i++] });
  }, 45);
}

const prompts = [
  {
    name: 'decompose',
    description: 'Splits a request into focused subtasks',
    versions: [
      { versionId: 'decompose-v1', name: 'decompose', text: 'You are a task decomposition expert…', createdAt: '2026-11-01T10:00:00Z', labels: ['production'] },
      { versionId: 'decompose-v2', name: 'decompose', text: 'Decompose the request into 3-8 subtasks…', createdAt: '2026-11-10T10:00:00Z', labels: [] },
      { versionId: 'decompose-v3', name: 'decompose', text: 'Given the request, decide: execute or decompose…', createdAt: '2026-11-20T10:00:00Z', labels: [] },
    ],
  },
  {
    name: 'chat',
    description: 'Answers inside one task’s conversation',
    versions: [{ versionId: 'chat-v1', name: 'chat', text: 'You work on one focused task…', createdAt: '2026-11-01T10:00:00Z', labels: ['production'] }],
  },
];
const experiments = new Map();
function makeExperiment(body) {
  const id = randomUUID();
  const experiment = { id, prompt: body.prompt, status: 'running', allocation: body.allocation, metric: body.metric, variants: body.variants, createdAt: now(), winner: null, n: 0 };
  experiments.set(id, experiment);
  return experiment;
}
function results(experiment) {
  experiment.n += 37;
  const truth = [0.58, 0.69, 0.62];
  const variants = experiment.variants.map((v, i) => {
    const n = experiment.n + i * 11;
    const rate = truth[i % truth.length];
    const successes = Math.round(n * rate);
    const p = successes / n;
    const z = 1.96;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    return { versionId: v.versionId, n, successes, rate: p, low: centre - half, high: centre + half, pValue: i === 0 ? null : Math.max(0.0001, 0.4 / Math.sqrt(n)), probabilityBest: 0 };
  });
  const best = variants.reduce((a, b) => (b.rate > a.rate ? b : a), variants[0]);
  variants.forEach((v) => {
    v.probabilityBest = v === best ? 0.93 : 0.07 / Math.max(1, variants.length - 1);
  });
  return { id: experiment.id, prompt: experiment.prompt, status: experiment.status, variants, winner: experiment.n > 600 ? best.versionId : experiment.winner };
}

async function api(req, res, url) {
  const path = url.pathname;
  const method = req.method;
  let m;

  if (method === 'GET' && path === '/api/system/health') {
    return json(res, { services: ['planner', 'executor', 'conversation', 'prompt-analytics'].map((name) => ({ name, status: 'healthy' })) });
  }
  if (method === 'GET' && path === '/api/model') return json(res, { provider: 'simulator', model: 'orchestrator-simulator', simulated: true });

  if (path === '/api/plans') {
    if (method === 'GET') return json(res, [...plans.values()].map(({ id, title, status, createdAt, updatedAt }) => ({ id, title, status, createdAt, updatedAt })));
    if (method === 'POST') {
      const body = await readBody(req);
      if (!body || typeof body.request !== 'string' || !body.request.trim()) return problem(res, 400, 'Write what you want done in "request".');
      if (body.patternId !== undefined && !patterns.has(body.patternId)) return problem(res, 404, `Pattern ${body.patternId} is not in the gallery.`, 'Not found');
      const plan = body.patternId ? planFromPattern(patterns.get(body.patternId), body.request.trim(), body.title) : createPlan(body.request.trim(), body.title);
      return json(res, view(plan), 201, { Location: `/api/plans/${plan.id}`, ETag: `"${plan.version}"` });
    }
  }

  if ((m = path.match(/^\/api\/plans\/([^/]+)(\/.*)?$/))) {
    const plan = plans.get(m[1]);
    if (!plan) return problem(res, 404, `Plan ${m[1]} does not exist.`, 'Not found');
    const rest = m[2] || '';
    if (method === 'GET' && rest === '') {
      const version = url.searchParams.get('version');
      if (version) {
        const snapshot = plan.snapshots.get(Number(version));
        if (!snapshot) return problem(res, 404, `Plan ${plan.id} has no version ${version}.`, 'Not found');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(snapshot);
      }
      return json(res, view(plan), 200, { ETag: `"${plan.version}"` });
    }
    if (method === 'GET' && rest === '/history') return json(res, plan.history);
    if (method === 'GET' && rest === '/stream') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
      res.write(`retry: 1000\nid: ${plan.version}\nevent: plan\ndata: ${JSON.stringify(view(plan))}\n\n`);
      const set = subscribers.get(plan.id) ?? new Set();
      set.add(res);
      subscribers.set(plan.id, set);
      req.on('close', () => set.delete(res));
      return undefined;
    }
    if (method === 'POST' && rest === '/approve') {
      if (plan.status !== 'proposed' && plan.status !== 'draft') return problem(res, 409, `The plan is ${plan.status}; only a proposed plan can be approved.`, 'Conflict');
      plan.status = 'running';
      record(plan, 'PlanApproved', {});
      return json(res, view(plan));
    }
    if (method === 'POST' && rest === '/save-as-pattern') {
      const root = plan.tasks.find((t) => t.parentId === null);
      if (childrenOf(plan, root.id).length === 0) return problem(res, 409, 'The plan has no tasks under its request: decompose it first.', 'Conflict');
      if (plan.savedAsPattern && patterns.has(plan.savedAsPattern)) return problem(res, 409, `Plan ${plan.id} is already in the gallery as pattern ${plan.savedAsPattern}.`, 'Already in the gallery');
      const pattern = saveAsPattern(plan, 'saved');
      return json(res, patternView(pattern), 201, { Location: `/api/patterns/${pattern.id}` });
    }
    if (method === 'POST' && rest === '/rating') {
      const body = await readBody(req);
      if (!Number.isInteger(body?.score) || body.score < 1 || body.score > 5) return problem(res, 400, '"score" must be a whole number from 1 to 5.');
      if (plan.status !== 'completed' && plan.status !== 'failed') return problem(res, 409, `The plan is ${plan.status}: only a finished plan can be rated.`, 'Conflict');
      plan.rating = { score: body.score, comment: typeof body.comment === 'string' && body.comment.trim() ? body.comment.trim() : null, at: now() };
      record(plan, 'PlanRated', plan.rating);
      return json(res, view(plan));
    }
    if (method === 'POST' && rest === '/cancel') {
      plan.status = 'cancelled';
      for (const t of plan.tasks) if (t.status !== 'completed') t.status = 'cancelled';
      record(plan, 'PlanCancelled', {});
      return json(res, view(plan));
    }
    if (method === 'POST' && rest === '/tasks') {
      const body = await readBody(req);
      const parent = plan.tasks.find((t) => t.id === body?.parentId);
      if (!parent) return problem(res, 400, 'parentId must name a task of this plan.');
      if (!body.title?.trim()) return problem(res, 400, 'A task needs a title.');
      const task = makeTask(plan, { parentId: parent.id, title: body.title.trim(), objective: body.objective ?? '', mode: body.mode ?? 'autonomous', order: childrenOf(plan, parent.id).length, dependsOn: body.dependsOn ?? [] });
      record(plan, 'TaskAdded', { taskId: task.id, parentId: parent.id, title: task.title });
      return json(res, task, 201);
    }
    const t = rest.match(/^\/tasks\/([^/]+)(\/[a-z]+)?$/);
    if (t) {
      const task = plan.tasks.find((x) => x.id === t[1]);
      if (!task) return problem(res, 404, `Task ${t[1]} is not in this plan.`, 'Not found');
      const action = t[2] || '';
      if (method === 'PATCH' && action === '') {
        const body = await readBody(req);
        const before = { ...task };
        for (const key of ['title', 'objective', 'mode', 'dependsOn']) if (body?.[key] !== undefined) task[key] = body[key];
        if (wouldCycle(plan)) {
          Object.assign(task, before);
          return problem(res, 400, 'That dependency would make a cycle.');
        }
        record(plan, 'TaskEdited', { taskId: task.id, ...body });
        return json(res, task);
      }
      if (method === 'DELETE' && action === '') {
        if (!task.parentId) return problem(res, 400, 'The root task cannot be deleted; cancel the plan instead.');
        const doomed = subtree(plan, task.id);
        plan.tasks = plan.tasks.filter((x) => !doomed.has(x.id));
        for (const x of plan.tasks) x.dependsOn = x.dependsOn.filter((d) => !doomed.has(d));
        renumber(plan, task.parentId);
        record(plan, 'TaskDeleted', { taskId: task.id, removed: doomed.size });
        res.writeHead(204);
        return res.end();
      }
      if (method === 'POST' && action === '/move') {
        const body = await readBody(req);
        const parent = plan.tasks.find((x) => x.id === body?.parentId);
        if (!parent) return problem(res, 400, 'parentId must name a task of this plan.');
        if (!task.parentId) return problem(res, 400, 'The root task cannot be moved.');
        if (subtree(plan, task.id).has(parent.id)) return problem(res, 400, `“${task.title}” cannot move under its own descendant “${parent.title}”.`);
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
          return problem(res, 400, 'That move would make a dependency cycle.');
        }
        renumber(plan, oldParent);
        record(plan, 'TaskMoved', { taskId: task.id, parentId: parent.id, index: body.index });
        return json(res, view(plan));
      }
      if (method === 'POST' && action === '/clone') {
        if (!task.parentId) return problem(res, 400, 'The root task cannot be cloned.');
        const map = new Map();
        const copy = (source, parentId, order) => {
          const clone = makeTask(plan, { parentId, title: source === task ? `${source.title} (copy)` : source.title, objective: source.objective, mode: source.mode, order });
          map.set(source.id, clone);
          childrenOf(plan, source.id).filter((c) => !map.has(c.id) && c !== clone).forEach((c, i) => copy(c, clone.id, i));
          return clone;
        };
        const root = copy(task, task.parentId, childrenOf(plan, task.parentId).length);
        record(plan, 'SubtreeCloned', { taskId: task.id, cloneId: root.id });
        return json(res, root, 201);
      }
      if (method === 'POST' && action === '/decompose') {
        await new Promise((r) => setTimeout(r, 700));
        return json(res, decompose(plan, task));
      }
    }
  }

  if ((m = path.match(/^\/api\/executions\/([^/]+)\/(complete|retry)$/)) && method === 'POST') {
    for (const plan of plans.values()) {
      const task = plan.tasks.find((t) => t.id === m[1]);
      if (!task) continue;
      if (m[2] === 'retry') {
        if (task.status !== 'failed') return problem(res, 409, 'Only a failed task can be retried.', 'Conflict');
        task.status = 'ready';
      } else {
        task.status = 'completed';
        task.result = 'Marked done by the person.';
      }
      record(plan, m[2] === 'retry' ? 'TaskRetried' : 'TaskCompleted', { taskId: task.id });
      res.writeHead(202);
      return res.end();
    }
    return problem(res, 404, `No task ${m[1]}.`, 'Not found');
  }
  if (method === 'GET' && path === '/api/executions') {
    const plan = plans.get(url.searchParams.get('planId'));
    return json(res, (plan?.tasks ?? []).filter((t) => t.status !== 'pending').map((t) => ({ taskId: t.id, status: t.status, attempts: 1, startedAt: plan.createdAt, completedAt: null, tokens: 120 })));
  }

  if (method === 'POST' && (m = path.match(/^\/api\/conversations\/([^/]+)\/proposals\/([^/]+)\/(accept|dismiss)$/))) {
    const conversation = conversations.get(m[1]);
    const proposal = conversation && findProposal(conversation, m[2]);
    if (!proposal) return problem(res, 404, `Conversation ${m[1]} has no proposal ${m[2]}.`, 'Not found');
    if (proposal.status !== 'open') return problem(res, 409, `The proposal was ${proposal.status} already.`, 'Conflict');
    if (m[3] === 'dismiss') {
      proposal.status = 'dismissed';
      return json(res, {});
    }
    const body = await readBody(req);
    const subtasks = Array.isArray(body?.subtasks) ? body.subtasks : proposal.subtasks;
    if (subtasks.length === 0 || subtasks.some((s) => !s?.title?.trim())) return problem(res, 400, 'Every child chat needs a title.');
    const plan = [...plans.values()].find((p) => p.tasks.some((t) => t.id === conversation.taskId));
    if (!plan) return problem(res, 404, 'The conversation’s task is in no plan.', 'Not found');
    const ids = new Map();
    const tasks = subtasks.map((s, index) => {
      const task = makeTask(plan, { parentId: conversation.taskId, title: s.title.trim(), objective: s.objective ?? '', mode: s.mode ?? 'interactive', order: childrenOf(plan, conversation.taskId).length });
      ids.set(s.key ?? String(index + 1), task.id);
      return task;
    });
    subtasks.forEach((s, index) => (tasks[index].dependsOn = (s.dependsOn ?? []).map((key) => ids.get(key)).filter(Boolean)));
    for (const task of tasks) record(plan, 'TaskAdded', { taskId: task.id, parentId: conversation.taskId, title: task.title });
    Object.assign(proposal, { status: 'accepted', subtasks, taskIds: tasks.map((t) => t.id) });
    return json(res, { planId: plan.id, parentId: conversation.taskId, version: plan.version, tasks });
  }

  if (method === 'POST' && (m = path.match(/^\/api\/conversations\/([^/]+)\/messages\/([^/]+)\/feedback$/))) {
    const conversation = conversations.get(m[1]);
    if (!conversation) return problem(res, 404, `Conversation ${m[1]} does not exist.`, 'Not found');
    const message = conversation.messages.find((candidate) => candidate.id === m[2]);
    if (!message) return problem(res, 404, `Conversation ${m[1]} has no message ${m[2]}.`, 'Not found');
    const body = await readBody(req);
    if (!body || !('verdict' in body) || ![null, 'up', 'down'].includes(body.verdict)) return problem(res, 400, 'Send { "verdict": "up" }, { "verdict": "down" } or { "verdict": null } to clear it.');
    if (message.role !== 'assistant') return problem(res, 400, `Message ${message.id} is not a reply: only the assistant's replies take a thumbs up or down.`);
    message.feedback = body.verdict;
    return json(res, message);
  }

  if (path === '/api/patterns' && method === 'GET') {
    const query = (url.searchParams.get('query') ?? '').trim();
    const all = [...patterns.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const found = query
      ? all.map((pattern) => ({ pattern, score: patternScore(pattern, query) })).filter((x) => x.score > 0).sort((a, b) => b.score - a.score).map((x) => x.pattern)
      : all;
    return json(res, found.map(patternSummary));
  }
  if ((m = path.match(/^\/api\/patterns\/([^/]+)$/))) {
    const pattern = patterns.get(m[1]);
    if (!pattern) return problem(res, 404, `Pattern ${m[1]} is not in the gallery.`, 'Not found');
    if (method === 'GET') return json(res, patternView(pattern));
    if (method === 'DELETE') {
      patterns.delete(pattern.id);
      res.writeHead(204);
      return res.end();
    }
  }

  if ((m = path.match(/^\/api\/conversations\/([^/]+)(\/messages)?$/))) {
    const conversation = conversations.get(m[1]);
    if (!conversation) return problem(res, 404, `Conversation ${m[1]} does not exist.`, 'Not found');
    if (method === 'GET' && !m[2]) return json(res, conversation);
    if (method === 'POST' && m[2]) {
      const body = await readBody(req);
      if (!body?.content?.trim()) return problem(res, 400, 'A message needs some content.');
      return streamReply(res, conversation, body.content);
    }
  }

  if (method === 'GET' && path === '/api/prompts') return json(res, prompts);
  if (path === '/api/experiments') {
    if (method === 'GET') return json(res, [...experiments.values()].map(({ n, ...e }) => e));
    if (method === 'POST') {
      const body = await readBody(req);
      if (!body?.prompt || !Array.isArray(body.variants) || body.variants.length < 2) return problem(res, 400, 'An experiment needs a prompt and at least two variants.');
      if (body.variants.some((v) => !(v.weight > 0))) return problem(res, 400, 'Every weight must be positive.');
      return json(res, makeExperiment(body), 201);
    }
  }
  if ((m = path.match(/^\/api\/experiments\/([^/]+)\/(results|stop|promote|start)$/))) {
    const experiment = experiments.get(m[1]);
    if (!experiment) return problem(res, 404, `Experiment ${m[1]} does not exist.`, 'Not found');
    if (method === 'GET' && m[2] === 'results') return json(res, results(experiment));
    if (method === 'POST' && m[2] === 'stop') {
      experiment.status = 'stopped';
      return json(res, experiment);
    }
    if (method === 'POST' && m[2] === 'start') {
      experiment.status = 'running';
      return json(res, experiment);
    }
    if (method === 'POST' && m[2] === 'promote') {
      const body = await readBody(req);
      const prompt = prompts.find((p) => p.name === experiment.prompt);
      const version = prompt?.versions.find((v) => v.versionId === body?.versionId);
      if (!version) return problem(res, 400, 'That version is not a variant of this experiment’s template.');
      for (const v of prompt.versions) v.labels = v.labels.filter((l) => l !== 'production');
      version.labels.push('production');
      experiment.status = 'promoted';
      experiment.winner = version.versionId;
      return json(res, experiment);
    }
  }
  if (method === 'GET' && path === '/api/analytics/failures') return json(res, []);
  if (method === 'POST' && path === '/api/outcomes') {
    const body = await readBody(req);
    if (!body?.subject) return problem(res, 400, 'An outcome needs a subject.');
    res.writeHead(202);
    return res.end();
  }

  if (method === 'POST' && path === '/api/mock/large-plan') {
    const count = Math.min(20_000, Number(url.searchParams.get('count') || 2000));
    const plan = createPlan(`A plan of ${count} tasks`, `Large plan (${count} tasks)`);
    const ids = [plan.tasks[0].id];
    for (let i = 1; i < count; i++) {
      const parentId = ids[Math.floor((i - 1) / 5)];
      const task = makeTask(plan, { parentId, title: `Task ${i}`, mode: ['autonomous', 'interactive', 'hybrid'][i % 3], order: (i - 1) % 5 });
      ids.push(task.id);
    }
    plan.status = 'running';
    // Its statuses change only through /api/mock/churn, at the rate asked for: the scheduler would
    // change a large share of its tasks on its own clock, and the benchmark would time that clock.
    plan.churnOnly = true;
    record(plan, 'LargePlanCreated', { count });
    return json(res, { id: plan.id, count }, 201);
  }
  if (method === 'POST' && path === '/api/mock/churn') {
    const plan = plans.get(url.searchParams.get('planId'));
    if (!plan) return problem(res, 404, 'No such plan.');
    const rate = Math.min(1000, Number(url.searchParams.get('rate') || 100));
    const seconds = Math.min(120, Number(url.searchParams.get('seconds') || 10));
    const statuses = ['pending', 'ready', 'active', 'completed', 'failed', 'awaiting-input'];
    let sent = 0;
    const total = rate * seconds;
    const timer = setInterval(() => {
      for (let k = 0; k < rate / 20 && sent < total; k++, sent++) {
        const task = plan.tasks[1 + Math.floor(Math.random() * (plan.tasks.length - 1))];
        task.status = statuses[(statuses.indexOf(task.status) + 1) % statuses.length];
        record(plan, 'TaskStatusChanged', { taskId: task.id, status: task.status }, true);
      }
      if (sent >= total) clearInterval(timer);
    }, 50);
    return json(res, { rate, seconds }, 202);
  }

  return problem(res, 404, `No route for ${method} ${path}.`, 'Not found');
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.map': 'application/json', '.json': 'application/json' };

createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname.startsWith('/api/')) {
    api(req, res, url).catch((error) => problem(res, 500, String(error), 'Server error'));
    return;
  }
  const file = normalize(join(dist, url.pathname));
  const target = file.startsWith(dist) && existsSync(file) && statSync(file).isFile() ? file : join(dist, 'index.html');
  if (!existsSync(target)) return problem(res, 503, 'Build the web app first: npm run build.', 'Not built');
  res.writeHead(200, { 'Content-Type': types[extname(target)] ?? 'application/octet-stream' });
  createReadStream(target).pipe(res);
}).listen(port, '127.0.0.1', () => {
  console.log(`mock gateway on http://127.0.0.1:${port}`);
});
