import { useCallback, useEffect, useState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import {
  useAddTask,
  useCloneTask,
  useCompleteTask,
  useDecomposeTask,
  useDeleteTask,
  useMoveTask,
  useRetryTask,
  useSetMode,
  useUpdateTask,
} from '@/features/plans/api/plan-mutations';
import { AwaitingInputList } from '@/features/plans/components/awaiting-input-list';
import { TaskDialog } from '@/features/plans/components/task-dialog';
import type { TaskAction } from '@/features/plans/components/task-tree/task-tree';
import { TreePreview } from '@/features/plans/components/task-tree/tree-preview';
import { modeLabels, nextMode, subtreeIds, indexTasks } from '@/features/plans/lib/task-tree';
import { afterNextPaint } from '@/lib/after-next-paint';
import { describeError } from '@/lib/api-client';
import type { PlanView, Task } from '@/types/api';

// React Flow's code is the largest part of the page: the tree's first view is drawn without it
// (TreePreview), and the code is loaded once that view has been painted. Not through React.lazy and
// Suspense, which hold back revealing what a fallback stood for by up to 300 ms.
type TaskTreeModule = typeof import('@/features/plans/components/task-tree/task-tree');
let taskTreeModule: TaskTreeModule | null = null;
const loadTaskTree = () =>
  import('@/features/plans/components/task-tree/task-tree').then((module) => (taskTreeModule = module));

function useTaskTreeModule(): TaskTreeModule | null {
  const [module, setModule] = useState(taskTreeModule);
  useEffect(() => {
    if (module) return undefined;
    let live = true;
    const cancel = afterNextPaint(() => void loadTaskTree().then((loaded) => live && setModule(loaded)));
    return () => {
      live = false;
      cancel();
    };
  }, [module]);
  return module;
}

type PlanTreePanelProps = {
  plan: PlanView;
  selectedTaskId: string | null;
  onOpenTask: (task: Task) => void;
};

type Editing = { kind: 'add-child' | 'rename'; task: Task } | { kind: 'delete'; task: Task } | null;

/** The plan's tree with every edit wired to the Planner; a refused edit shows the server's reason. */
export function PlanTreePanel({ plan, selectedTaskId, onOpenTask }: PlanTreePanelProps) {
  const toast = useToast();
  const [editing, setEditing] = useState<Editing>(null);
  const addTask = useAddTask(plan.id);
  const updateTask = useUpdateTask(plan.id);
  const setMode = useSetMode(plan.id);
  const moveTask = useMoveTask(plan.id);
  const cloneTask = useCloneTask(plan.id);
  const deleteTask = useDeleteTask(plan.id);
  const decompose = useDecomposeTask(plan.id);
  const retry = useRetryTask(plan.id);
  const complete = useCompleteTask(plan.id);

  const tree = useTaskTreeModule();
  const fail = useCallback((title: string) => (error: unknown) => toast.error(title, describeError(error)), [toast]);

  const cycleMode = useCallback(
    (task: Task) => {
      const mode = nextMode(task.mode);
      setMode.mutate({ taskId: task.id, mode }, { onError: fail(`Could not make “${task.title}” ${modeLabels[mode]}`) });
    },
    [setMode, fail],
  );

  const move = useCallback(
    (taskId: string, parentId: string, index: number) => {
      moveTask.mutate({ taskId, parentId, index }, { onError: fail('The move was refused') });
    },
    [moveTask, fail],
  );

  const onAction = useCallback(
    (action: TaskAction, task: Task) => {
      switch (action) {
        case 'open':
          onOpenTask(task);
          break;
        case 'add-child':
        case 'rename':
          setEditing({ kind: action, task });
          break;
        case 'cycle-mode':
          cycleMode(task);
          break;
        case 'clone':
          cloneTask.mutate(task.id, {
            onSuccess: () => toast.success(`Cloned “${task.title}”`),
            onError: fail('Could not clone'),
          });
          break;
        case 'delete':
          setEditing({ kind: 'delete', task });
          break;
        case 'decompose':
          toast.info(`Decomposing “${task.title}”…`, 'The planner is proposing subtasks.');
          decompose.mutate(task.id, {
            onSuccess: (decomposition) =>
              decomposition.action === 'execute'
                ? toast.info(`I’ll do “${task.title}” directly as one task`, decomposition.reason)
                : toast.success('Subtasks proposed', `${decomposition.tasks.length} new task(s) under “${task.title}”.`),
            onError: fail('Decomposition failed'),
          });
          break;
        case 'retry':
          retry.mutate(task.id, {
            onSuccess: () => toast.info(`Retrying “${task.title}”`),
            onError: fail('Could not retry'),
          });
          break;
        case 'mark-done':
          complete.mutate(
            { taskId: task.id },
            { onSuccess: () => toast.success(`“${task.title}” marked done`), onError: fail('Could not mark done') },
          );
          break;
      }
    },
    [onOpenTask, cycleMode, cloneTask, decompose, retry, complete, toast, fail],
  );

  const subtreeSize =
    editing?.kind === 'delete' ? subtreeIds(indexTasks(plan.tasks), editing.task.id).size : 0;

  return (
    <>
      {tree ? (
        <tree.TaskTree
          tasks={plan.tasks}
          selectedId={selectedTaskId}
          onOpen={onOpenTask}
          onCycleMode={cycleMode}
          onMove={move}
          onAction={onAction}
          onRefuse={(reason) => toast.error('Can’t move there', reason)}
          toolbarExtra={
            <AwaitingInputList
              tasks={plan.tasks}
              onJumpIn={onOpenTask}
              onAnnounce={(asking) => {
                const [first] = asking;
                if (asking.length === 1 && first) {
                  toast.show({ tone: 'info', title: `“${first.title}” needs you`, detail: first.question ?? 'Jump in to answer.' });
                } else {
                  toast.show({ tone: 'info', title: `${asking.length} tasks need you`, detail: 'Open “need you” to jump in.' });
                }
              }}
            />
          }
        />
      ) : (
        <TreePreview tasks={plan.tasks} selectedId={selectedTaskId} onOpen={onOpenTask} />
      )}
      {editing && editing.kind !== 'delete' && (
        <TaskDialog
          kind={editing.kind}
          task={editing.task}
          busy={addTask.isPending || updateTask.isPending}
          onClose={() => setEditing(null)}
          onSubmit={(draft) => {
            if (editing.kind === 'add-child') {
              addTask.mutate(
                { parentId: editing.task.id, title: draft.title, objective: draft.objective || undefined, mode: draft.mode },
                { onSuccess: () => setEditing(null), onError: fail('Could not add the task') },
              );
            } else {
              updateTask.mutate(
                { taskId: editing.task.id, title: draft.title, objective: draft.objective },
                { onSuccess: () => setEditing(null), onError: fail('Could not rename') },
              );
            }
          }}
        />
      )}
      {editing?.kind === 'delete' && (
        <Dialog
          title={`Delete “${editing.task.title}”?`}
          description={
            subtreeSize > 1
              ? `This removes the task and the ${subtreeSize - 1} task(s) under it, with their conversations.`
              : 'This removes the task and its conversation.'
          }
          onClose={() => setEditing(null)}
          footer={
            <>
              <button type="button" className="btn btn--ghost" onClick={() => setEditing(null)} data-autofocus>
                Cancel
              </button>
              <button
                type="button"
                className="btn btn--danger"
                onClick={() => {
                  const task = editing.task;
                  setEditing(null);
                  deleteTask.mutate(task.id, { onError: fail(`Could not delete “${task.title}”`) });
                }}
              >
                Delete
              </button>
            </>
          }
        />
      )}
    </>
  );
}
