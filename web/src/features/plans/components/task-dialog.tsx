import { useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { modeLabels } from '@/features/plans/lib/task-tree';
import type { Task, TaskMode } from '@/types/api';

export type TaskDraft = { title: string; objective: string; mode: TaskMode };

type TaskDialogProps = {
  kind: 'add-child' | 'rename';
  task: Task;
  busy?: boolean;
  onSubmit: (draft: TaskDraft) => void;
  onClose: () => void;
};

/** Adds a child under `task`, or renames `task` and edits its objective. */
export function TaskDialog({ kind, task, busy = false, onSubmit, onClose }: TaskDialogProps) {
  const adding = kind === 'add-child';
  const [title, setTitle] = useState(adding ? '' : task.title);
  const [objective, setObjective] = useState(adding ? '' : task.objective);
  const [mode, setMode] = useState<TaskMode>(adding ? 'autonomous' : task.mode);
  const formId = `task-dialog-${kind}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    onSubmit({ title: title.trim(), objective: objective.trim(), mode });
  };

  return (
    <Dialog
      title={adding ? 'Add a child task' : 'Rename task'}
      description={adding ? <>Under “{task.title}”. It gets its own focused conversation.</> : undefined}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn btn--primary" disabled={!title.trim() || busy}>
            {adding ? 'Add task' : 'Save'}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} className="stack" style={{ gap: 12 }}>
        <label className="field">
          <span className="field__label">Title</span>
          <input
            className="input"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            placeholder="e.g. Design the checkout flow"
            maxLength={200}
            required
            data-autofocus
          />
        </label>
        <label className="field">
          <span className="field__label">Objective</span>
          <textarea
            className="textarea"
            value={objective}
            onChange={(event) => setObjective(event.target.value)}
            placeholder="What this task must achieve, in one consolidated brief"
            rows={3}
          />
        </label>
        {adding && (
          <label className="field">
            <span className="field__label">Mode</span>
            <select className="select" value={mode} onChange={(event) => setMode(event.target.value as TaskMode)}>
              {(Object.keys(modeLabels) as TaskMode[]).map((value) => (
                <option key={value} value={value}>
                  {modeLabels[value]}
                </option>
              ))}
            </select>
          </label>
        )}
      </form>
    </Dialog>
  );
}
