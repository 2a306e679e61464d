import type { Task, TaskMode, TaskStatus } from '@/types/api';

/** The flat task list of a plan seen as a tree: children in their order, parents by id. */
export type TaskIndex = {
  byId: Map<string, Task>;
  children: Map<string | null, Task[]>;
  roots: Task[];
};

export function indexTasks(tasks: readonly Task[]): TaskIndex {
  const byId = new Map<string, Task>();
  const children = new Map<string | null, Task[]>();
  for (const task of tasks) byId.set(task.id, task);
  for (const task of tasks) {
    // A parent that is missing from the list makes the task a root rather than losing it.
    const parent = task.parentId && byId.has(task.parentId) ? task.parentId : null;
    const list = children.get(parent);
    if (list) list.push(task);
    else children.set(parent, [task]);
  }
  for (const list of children.values()) list.sort((a, b) => a.order - b.order);
  return { byId, children, roots: children.get(null) ?? [] };
}

export function childrenOf(index: TaskIndex, taskId: string): Task[] {
  return index.children.get(taskId) ?? [];
}

/** Ids of the task and everything under it. */
export function subtreeIds(index: TaskIndex, taskId: string): Set<string> {
  const ids = new Set<string>();
  const stack = [taskId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (ids.has(id)) continue;
    ids.add(id);
    for (const child of childrenOf(index, id)) stack.push(child.id);
  }
  return ids;
}

export function ancestorIds(index: TaskIndex, taskId: string): string[] {
  const result: string[] = [];
  const seen = new Set<string>();
  let current = index.byId.get(taskId)?.parentId ?? null;
  while (current && !seen.has(current)) {
    seen.add(current);
    result.push(current);
    current = index.byId.get(current)?.parentId ?? null;
  }
  return result;
}

/** Tasks in depth-first order, skipping what sits under a collapsed task. */
export function visibleTasks(index: TaskIndex, collapsed: ReadonlySet<string>): Task[] {
  const result: Task[] = [];
  const visit = (task: Task) => {
    result.push(task);
    if (collapsed.has(task.id)) return;
    for (const child of childrenOf(index, task.id)) visit(child);
  };
  for (const root of index.roots) visit(root);
  return result;
}

/**
 * Who waits for whom as a plan runs: a task starts once its own and its ancestors' dependencies are
 * complete, and a parent completes only after its subtasks. Node 2i is "task i may start", 2i+1 is
 * "task i is complete"; a completed task waits for nothing. This can have a cycle (a deadlock) even
 * when the dependencies alone have none.
 */
function waitGraph(tasks: readonly Task[]): { ids: string[]; position: Map<string, number>; waits: number[][] } {
  const ids = tasks.map((task) => task.id);
  const position = new Map(ids.map((id, i) => [id, i]));
  const waits: number[][] = Array.from({ length: ids.length * 2 }, () => []);
  tasks.forEach((task, i) => {
    for (const dependency of task.dependsOn) {
      const d = position.get(dependency);
      if (d !== undefined) waits[2 * i]!.push(2 * d + 1);
    }
    const p = task.parentId ? position.get(task.parentId) : undefined;
    if (p !== undefined) {
      waits[2 * i]!.push(2 * p);
      if (tasks[p]!.status !== 'completed') waits[2 * p + 1]!.push(2 * i + 1);
    }
    if (task.status !== 'completed') waits[2 * i + 1]!.push(2 * i);
  });
  return { ids, position, waits };
}

/** Task ids along a cycle of nodes, each task once in a row, the first repeated at the end. */
function cycleTasks(ids: readonly string[], nodes: readonly number[]): string[] {
  const result: string[] = [];
  for (const node of nodes) {
    const id = ids[Math.floor(node / 2)]!;
    if (result[result.length - 1] !== id) result.push(id);
  }
  return result;
}

/**
 * Tasks that would wait for one another forever (see `waitGraph`): the ids on one cycle, the first
 * repeated at the end, or null. With `through`, only a cycle through that task counts (the shortest),
 * so that a change is judged by what it adds and not by an older deadlock elsewhere.
 */
export function findCycle(tasks: readonly Task[], through?: string): string[] | null {
  const { ids, position, waits } = waitGraph(tasks);
  if (through !== undefined) {
    const at = position.get(through);
    if (at === undefined) return null;
    for (const from of [2 * at, 2 * at + 1]) {
      const previous = new Int32Array(waits.length).fill(-1);
      const queue: number[] = [];
      for (const next of waits[from]!) {
        if (previous[next]! < 0) {
          previous[next] = from;
          queue.push(next);
        }
      }
      for (let head = 0; head < queue.length; head++) {
        const node = queue[head]!;
        if (node === from) {
          const path = [from];
          for (let step = previous[from]!; step !== from; step = previous[step]!) path.push(step);
          path.push(from);
          return cycleTasks(ids, path.reverse());
        }
        for (const next of waits[node]!) {
          if (previous[next]! < 0) {
            previous[next] = node;
            queue.push(next);
          }
        }
      }
    }
    return null;
  }

  // Depth-first over the whole plan, without recursion: deep trees must not overflow the stack.
  const state = new Uint8Array(waits.length);
  for (let root = 0; root < waits.length; root++) {
    if (state[root] !== 0) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const [node, next] = frame;
      const edges = waits[node]!;
      if (next === edges.length) {
        state[node] = 2;
        stack.pop();
        continue;
      }
      frame[1] = next + 1;
      const target = edges[next]!;
      if (state[target] === 1) {
        const nodes = stack.map(([n]) => n);
        return cycleTasks(ids, [...nodes.slice(nodes.indexOf(target)), target]);
      }
      if (state[target] === 0) {
        state[target] = 1;
        stack.push([target, 0]);
      }
    }
  }
  return null;
}

/**
 * The tasks after moving `taskId` under `parentId`; `index` is its position among its new siblings
 * (counted without itself), which is also what the move endpoint takes.
 */
export function applyMove(tasks: readonly Task[], taskId: string, parentId: string, index: number): Task[] {
  const moving = tasks.find((task) => task.id === taskId);
  if (!moving) return [...tasks];
  const siblings = tasks
    .filter((task) => task.parentId === parentId && task.id !== taskId)
    .sort((a, b) => a.order - b.order);
  const position = Math.max(0, Math.min(index, siblings.length));
  siblings.splice(position, 0, { ...moving, parentId });
  const newOrder = new Map(siblings.map((task, order) => [task.id, order]));
  return tasks.map((task) =>
    newOrder.has(task.id) ? { ...task, parentId, order: newOrder.get(task.id) as number } : task,
  );
}

export type MoveCheck = { ok: true } | { ok: false; reason: string };

/** Checks a move before asking the server, so that an invalid drop is refused at once. */
export function checkMove(tasks: readonly Task[], taskId: string, parentId: string, index: number): MoveCheck {
  const tree = indexTasks(tasks);
  const task = tree.byId.get(taskId);
  const parent = tree.byId.get(parentId);
  if (!task || !parent) return { ok: false, reason: 'That task is no longer in the plan.' };
  if (task.parentId === null) return { ok: false, reason: 'The root task cannot be moved.' };
  if (taskId === parentId) return { ok: false, reason: 'A task cannot be placed under itself.' };
  if (subtreeIds(tree, taskId).has(parentId)) {
    return { ok: false, reason: `“${task.title}” cannot move under its own descendant “${parent.title}”.` };
  }
  if (task.parentId === parentId) {
    const current = childrenOf(tree, parentId).findIndex((child) => child.id === taskId);
    if (current === index) return { ok: false, reason: 'The task is already there.' };
  }
  const cycle = findCycle(applyMove(tasks, taskId, parentId, index), taskId);
  if (cycle) {
    const names = cycle.map((id) => `“${tree.byId.get(id)?.title ?? id}”`);
    return {
      ok: false,
      reason:
        `That would make a cycle of tasks waiting for one another forever: ${names.join(' → ')} ` +
        '(a task waits for what it and its parents depend on, and a parent waits for its subtasks).',
    };
  }
  return { ok: true };
}

const modeCycle: TaskMode[] = ['autonomous', 'interactive', 'hybrid'];

/** The mode a double-click switches to: Auto → Interactive → Hybrid → Auto. */
export function nextMode(mode: TaskMode): TaskMode {
  const position = modeCycle.indexOf(mode);
  return modeCycle[(position + 1) % modeCycle.length] as TaskMode;
}

export const modeLabels: Record<TaskMode, string> = {
  autonomous: 'Auto',
  interactive: 'Interactive',
  hybrid: 'Hybrid',
};

/**
 * Tasks waiting for the person: asked a question, or interactive leaves ready for them (an
 * interactive parent is busy aggregating its children, not waiting for anyone).
 */
export function needsPerson(task: Task, hasChildren = false): boolean {
  if (task.status === 'awaiting-input') return true;
  return !hasChildren && task.mode === 'interactive' && (task.status === 'ready' || task.status === 'active');
}

export type StatusFilter = 'all' | 'needs-me' | 'active' | 'failed' | 'pending' | 'completed';

const filterStatuses: Record<Exclude<StatusFilter, 'all' | 'needs-me'>, TaskStatus[]> = {
  active: ['active', 'ready'],
  failed: ['failed', 'cancelled'],
  pending: ['pending'],
  completed: ['completed'],
};

export function matchesFilter(task: Task, filter: StatusFilter, search: string, hasChildren = false): boolean {
  if (filter === 'needs-me' && !needsPerson(task, hasChildren) && task.status !== 'failed') return false;
  if (filter !== 'all' && filter !== 'needs-me' && !filterStatuses[filter].includes(task.status)) return false;
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return task.title.toLowerCase().includes(needle) || task.objective.toLowerCase().includes(needle);
}

/**
 * Whether the person can mark a task done by hand: an interactive or hybrid task that is under way and has no
 * subtasks. An autonomous task finishes by itself, and a task with subtasks completes with their combined results.
 */
export function canMarkDone(task: Task, tasks: readonly Task[]): boolean {
  return (
    task.status !== 'completed' &&
    task.status !== 'cancelled' &&
    task.status !== 'pending' &&
    task.mode !== 'autonomous' &&
    !tasks.some((candidate) => candidate.parentId === task.id)
  );
}
