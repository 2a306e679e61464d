import { useEffect, useRef, useState } from 'react';
import { needsPerson } from '@/features/plans/lib/task-tree';
import type { Task } from '@/types/api';

type AwaitingInputListProps = {
  tasks: readonly Task[];
  onJumpIn: (task: Task) => void;
  /** Called with the tasks that started asking the person for input since the last render. */
  onAnnounce?: (tasks: Task[]) => void;
};

/** The tasks waiting for the person, with a "jump in" for each. */
export function AwaitingInputList({ tasks, onJumpIn, onAnnounce }: AwaitingInputListProps) {
  const parents = new Set(tasks.map((task) => task.parentId));
  const waiting = tasks.filter((task) => needsPerson(task, parents.has(task.id)));
  const [open, setOpen] = useState(false);
  const known = useRef<Set<string> | null>(null);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const ids = new Set(waiting.map((task) => task.id));
    if (known.current) {
      const previous = known.current;
      const fresh = waiting.filter((task) => !previous.has(task.id) && task.status === 'awaiting-input');
      if (fresh.length > 0) onAnnounce?.(fresh);
    }
    known.current = ids;
  }, [waiting, onAnnounce]);

  useEffect(() => {
    if (!open) return undefined;
    const close = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  return (
    <div className="awaiting" ref={ref}>
      <button
        type="button"
        className={`awaiting__button ${waiting.length > 0 ? 'has-items' : ''}`}
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="awaiting__count">{waiting.length}</span>
        {waiting.length === 1 ? 'needs you' : 'need you'}
      </button>
      {open && (
        <div className="awaiting__panel" role="dialog" aria-label="Tasks waiting for you">
          {waiting.length === 0 ? (
            <p className="muted awaiting__empty">Nothing is waiting for you.</p>
          ) : (
            <ul>
              {waiting.map((task) => (
                <li key={task.id}>
                  <div className="awaiting__task">
                    <strong>{task.title}</strong>
                    <span className="muted">
                      {task.status === 'awaiting-input' ? (task.question ?? 'Asked for your input') : 'Ready for you to work on'}
                    </span>
                  </div>
                  <button
                    type="button"
                    className="btn btn--sm btn--primary"
                    onClick={() => {
                      setOpen(false);
                      onJumpIn(task);
                    }}
                  >
                    Jump in
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
