import type { PatternTask } from '@/types/api';

type PatternTreeProps = {
  tasks: PatternTask[];
};

/** A pattern's tree, read-only, as an indented list: each task with its mode and what it waits for. */
export function PatternTree({ tasks }: PatternTreeProps) {
  const titles = new Map(tasks.map((task) => [task.id, task.title]));
  const children = new Map<string | null, PatternTask[]>();
  for (const task of tasks) {
    const parent = task.parentId !== null && titles.has(task.parentId) ? task.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), task]);
  }
  for (const list of children.values()) list.sort((a, b) => a.order - b.order);

  const render = (parentId: string | null, depth: number, seen: Set<string>) => {
    const level = (children.get(parentId) ?? []).filter((task) => !seen.has(task.id));
    if (level.length === 0) return null;
    return (
      <ul className={depth === 0 ? 'pattern-tree' : 'pattern-tree__children'} aria-label={depth === 0 ? 'Pattern tree' : undefined}>
        {level.map((task) => {
          const after = task.dependsOn.map((id) => titles.get(id)).filter((title): title is string => Boolean(title));
          const below = new Set(seen).add(task.id);
          return (
            <li key={task.id} className="pattern-tree__item">
              <div className="pattern-tree__task" title={task.objective || undefined}>
                <span className="pattern-tree__title">{task.title}</span>
                <span className={`pattern-tree__mode pattern-tree__mode--${task.mode}`}>{task.mode}</span>
                {after.length > 0 && <span className="faint pattern-tree__after">after {after.join(', ')}</span>}
              </div>
              {render(task.id, depth + 1, below)}
            </li>
          );
        })}
      </ul>
    );
  };

  return tasks.length === 0 ? <p className="muted">This pattern has no tasks.</p> : render(null, 0, new Set());
}
