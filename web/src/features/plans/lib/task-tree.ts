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
 * Whether "waits for" has a cycle: a task waits for the tasks it depends on, and a parent waits for
 * its children (it aggregates their results). Returns the ids on one cycle, or null.
 */
export function findCycle(tasks: readonly Task[]): string[] | null {
  const waitsFor = new Map<string, string[]>();
  const ids = new Set(tasks.map((task) => task.id));
  for (const task of tasks) waitsFor.set(task.id, task.dependsOn.filter((id) => ids.has(id)));
  for (const task of tasks) {
    if (task.parentId && ids.has(task.parentId)) waitsFor.get(task.parentId)?.push(task.id);
  }

  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 'open');
    path.push(id);
    for (const next of waitsFor.get(id) ?? []) {
      const seen = state.get(next);
      if (seen === 'open') return path.slice(path.indexOf(next));
      if (!seen) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of ids) {
    if (!state.has(id)) {
      const cycle = visit(id);
      if (cycle) return cycle;
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
  const cycle = findCycle(applyMove(tasks, taskId, parentId, index));
  if (cycle) {
    const names = cycle.map((id) => tree.byId.get(id)?.title ?? id);
    return { ok: false, reason: `That would make a dependency cycle: ${names.join(' → ')} → ${names[0]}.` };
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
