import type { PlanView, Task } from '@/types/api';

export type TaskChange = { field: string; before: string; after: string };

export type PlanDiff = {
  added: Task[];
  removed: Task[];
  changed: { task: Task; changes: TaskChange[] }[];
  planChanges: TaskChange[];
};

const fields = ['title', 'objective', 'mode', 'status', 'parentId', 'order', 'dependsOn', 'result'] as const;

function show(value: unknown, titles: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((id) => titles.get(String(id)) ?? String(id)).join(', ');
  return String(value);
}

/** What changed from plan `before` to plan `after`, task by task. */
export function diffPlans(before: PlanView, after: PlanView): PlanDiff {
  const titles = new Map<string, string>();
  for (const task of [...before.tasks, ...after.tasks]) titles.set(task.id, task.title);
  const old = new Map(before.tasks.map((task) => [task.id, task]));
  const current = new Map(after.tasks.map((task) => [task.id, task]));

  const added = after.tasks.filter((task) => !old.has(task.id));
  const removed = before.tasks.filter((task) => !current.has(task.id));
  const changed: PlanDiff['changed'] = [];
  for (const task of after.tasks) {
    const previous = old.get(task.id);
    if (!previous) continue;
    const changes: TaskChange[] = [];
    for (const field of fields) {
      const a = field === 'dependsOn' ? [...previous.dependsOn].sort().join() : previous[field];
      const b = field === 'dependsOn' ? [...task.dependsOn].sort().join() : task[field];
      if (a === b) continue;
      if (field === 'parentId') {
        changes.push({ field: 'parent', before: show(previous.parentId ? titles.get(previous.parentId) : null, titles), after: show(task.parentId ? titles.get(task.parentId) : null, titles) });
      } else {
        changes.push({ field, before: show(previous[field], titles), after: show(task[field], titles) });
      }
    }
    changes.push(...artifactChanges(previous, task));
    if (changes.length > 0) changed.push({ task, changes });
  }

  const planChanges: TaskChange[] = [];
  for (const field of ['title', 'status'] as const) {
    if (before[field] !== after[field]) planChanges.push({ field, before: before[field], after: after[field] });
  }
  return { added, removed, changed, planChanges };
}

/** Artifacts recorded, replaced or edited between two versions of a task: `artifact snippet.py: v1 → v2 (edited)`. */
function artifactChanges(before: Task, after: Task): TaskChange[] {
  const label = (artifact: NonNullable<Task['artifacts']>[number] | undefined) =>
    artifact ? `v${artifact.version}${artifact.edited ? ' (edited)' : ''}` : '—';
  const old = new Map((before.artifacts ?? []).map((artifact) => [artifact.id, artifact]));
  const changes: TaskChange[] = [];
  for (const artifact of after.artifacts ?? []) {
    const previous = old.get(artifact.id);
    old.delete(artifact.id);
    if (previous?.version === artifact.version) continue;
    changes.push({ field: `artifact ${artifact.name}`, before: label(previous), after: label(artifact) });
  }
  for (const removed of old.values()) changes.push({ field: `artifact ${removed.name}`, before: label(removed), after: '—' });
  return changes;
}

/** Marks for the tree: tasks added or changed in `diff`. */
export function diffMarks(diff: PlanDiff): Map<string, 'added' | 'changed'> {
  const marks = new Map<string, 'added' | 'changed'>();
  for (const task of diff.added) marks.set(task.id, 'added');
  for (const { task } of diff.changed) marks.set(task.id, 'changed');
  return marks;
}

/** "TaskAdded" → "Task added". */
export function humanizeEventType(type: string): string {
  const short = type.includes('.') ? type.slice(type.lastIndexOf('.') + 1) : type;
  const words = short.replace(/IntegrationEvent$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
