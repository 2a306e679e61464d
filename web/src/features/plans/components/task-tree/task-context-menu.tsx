import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Task } from '@/types/api';

export type TaskAction =
  | 'open'
  | 'add-child'
  | 'rename'
  | 'cycle-mode'
  | 'clone'
  | 'decompose'
  | 'retry'
  | 'mark-done'
  | 'delete';

type Item = { action: TaskAction; label: string; hint?: string; danger?: boolean; enabled: boolean };

function itemsFor(task: Task, isRoot: boolean, canFinish: boolean): Item[] {
  const finished = task.status === 'completed' || task.status === 'cancelled';
  return [
    { action: 'open', label: 'Open conversation', hint: 'Enter', enabled: true },
    { action: 'add-child', label: 'Add child task', hint: 'A', enabled: true },
    { action: 'rename', label: 'Rename…', hint: 'F2', enabled: true },
    { action: 'cycle-mode', label: 'Change mode', hint: 'M', enabled: true },
    { action: 'decompose', label: isRoot ? 'Decompose the request' : 'Decompose into subtasks', enabled: !finished },
    { action: 'clone', label: 'Clone subtree', enabled: !isRoot },
    { action: 'retry', label: 'Retry', enabled: task.status === 'failed' },
    { action: 'mark-done', label: 'Mark done', enabled: canFinish },
    { action: 'delete', label: 'Delete subtree…', hint: 'Del', danger: true, enabled: !isRoot },
  ];
}

type TaskContextMenuProps = {
  task: Task;
  x: number;
  y: number;
  isRoot: boolean;
  /** Whether the task can be marked done by hand (see canMarkDone). */
  canMarkDone: boolean;
  onSelect: (action: TaskAction) => void;
  onClose: () => void;
};

/** Right-click actions on one task; arrow keys move, Enter picks, Escape closes. */
export function TaskContextMenu({ task, x, y, isRoot, canMarkDone, onSelect, onClose }: TaskContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const items = itemsFor(task, isRoot, canMarkDone);

  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopPropagation();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      buttons[(at + step + buttons.length) % buttons.length]?.focus();
    } else {
      event.stopPropagation();
    }
  };

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={`Actions for ${task.title}`}
      style={{ left: x, top: y }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      <div className="context-menu__title">{task.title}</div>
      {items.map((item) => (
        <button
          key={item.action}
          type="button"
          role="menuitem"
          className={`context-menu__item ${item.danger ? 'context-menu__item--danger' : ''}`}
          disabled={!item.enabled}
          onClick={() => onSelect(item.action)}
        >
          <span>{item.label}</span>
          {item.hint && <kbd>{item.hint}</kbd>}
        </button>
      ))}
    </div>
  );
}
