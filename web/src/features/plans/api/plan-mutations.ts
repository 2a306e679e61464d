import { useMutation, useQueryClient } from '@tanstack/react-query';
import { planKeys } from '@/features/plans/api/plan-keys';
import { applyMove } from '@/features/plans/lib/task-tree';
import { api } from '@/lib/api-client';
import type { AddTaskRequest, Decomposition, PlanView, Task, TaskMode, UpdateTaskRequest } from '@/types/api';

const planPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;
const taskPath = (planId: string, taskId: string) => `${planPath(planId)}/tasks/${encodeURIComponent(taskId)}`;

type Optimistic<V> = (plan: PlanView, variables: V) => PlanView;

/**
 * A write to one plan: optionally applied to the cache at once, rolled back when the server
 * refuses, and followed by a refetch so the cache ends on the server's truth.
 */
function usePlanMutation<V, R>(planId: string, mutationFn: (variables: V) => Promise<R>, optimistic?: Optimistic<V>) {
  const queryClient = useQueryClient();
  const key = planKeys.detail(planId);
  return useMutation({
    mutationFn,
    onMutate: async (variables: V) => {
      if (!optimistic) return { previous: undefined };
      await queryClient.cancelQueries({ queryKey: key, exact: true });
      const previous = queryClient.getQueryData<PlanView>(key);
      if (previous) queryClient.setQueryData<PlanView>(key, optimistic(previous, variables));
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

const patchTask = (plan: PlanView, taskId: string, patch: Partial<Task>): PlanView => ({
  ...plan,
  tasks: plan.tasks.map((task) => (task.id === taskId ? { ...task, ...patch } : task)),
});

// An edit leaves a field it sends as null (or leaves out) as it is.
const changedFields = (edit: UpdateTaskRequest): Partial<Task> =>
  Object.fromEntries(Object.entries(edit).filter(([, value]) => value !== null && value !== undefined)) as Partial<Task>;

export const useAddTask = (planId: string) =>
  usePlanMutation(planId, (body: AddTaskRequest) => api.post<Task>(`${planPath(planId)}/tasks`, body));

export const useUpdateTask = (planId: string) =>
  usePlanMutation(
    planId,
    ({ taskId, ...body }: UpdateTaskRequest & { taskId: string }) => api.patch<unknown>(taskPath(planId, taskId), body),
    (plan, { taskId, ...body }) => patchTask(plan, taskId, changedFields(body)),
  );

export const useSetMode = (planId: string) =>
  usePlanMutation(
    planId,
    ({ taskId, mode }: { taskId: string; mode: TaskMode }) => api.patch<unknown>(taskPath(planId, taskId), { mode }),
    (plan, { taskId, mode }) => patchTask(plan, taskId, { mode }),
  );

export const useMoveTask = (planId: string) =>
  usePlanMutation(
    planId,
    ({ taskId, parentId, index }: { taskId: string; parentId: string; index: number }) =>
      api.post<unknown>(`${taskPath(planId, taskId)}/move`, { parentId, index }),
    (plan, { taskId, parentId, index }) => ({ ...plan, tasks: applyMove(plan.tasks, taskId, parentId, index) }),
  );

export const useCloneTask = (planId: string) =>
  usePlanMutation(planId, (taskId: string) => api.post<Task>(`${taskPath(planId, taskId)}/clone`));

export const useDeleteTask = (planId: string) =>
  usePlanMutation(
    planId,
    (taskId: string) => api.delete<unknown>(taskPath(planId, taskId)),
    (plan, taskId) => {
      const doomed = new Set([taskId]);
      let grew = true;
      while (grew) {
        grew = false;
        for (const task of plan.tasks) {
          if (task.parentId && doomed.has(task.parentId) && !doomed.has(task.id)) {
            doomed.add(task.id);
            grew = true;
          }
        }
      }
      return { ...plan, tasks: plan.tasks.filter((task) => !doomed.has(task.id)) };
    },
  );

export const useDecomposeTask = (planId: string) =>
  usePlanMutation(planId, (taskId: string) => api.post<Decomposition>(`${taskPath(planId, taskId)}/decompose`));

export const useRetryTask = (planId: string) =>
  usePlanMutation(
    planId,
    (taskId: string) => api.post<unknown>(`/api/executions/${encodeURIComponent(taskId)}/retry`),
    (plan, taskId) => patchTask(plan, taskId, { status: 'ready' }),
  );

export const useCompleteTask = (planId: string) =>
  usePlanMutation(planId, ({ taskId, result }: { taskId: string; result?: string }) =>
    api.post<unknown>(`/api/executions/${encodeURIComponent(taskId)}/complete`, result ? { result } : {}),
  );

export const useApprovePlan = (planId: string) =>
  usePlanMutation(
    planId,
    () => api.post<unknown>(`${planPath(planId)}/approve`),
    (plan) => ({ ...plan, status: 'running' }),
  );

export const useCancelPlan = (planId: string) => {
  const queryClient = useQueryClient();
  const mutation = usePlanMutation(
    planId,
    () => api.post<unknown>(`${planPath(planId)}/cancel`),
    (plan) => ({ ...plan, status: 'cancelled' }),
  );
  return {
    ...mutation,
    mutateAsync: async () => {
      const result = await mutation.mutateAsync(undefined);
      await queryClient.invalidateQueries({ queryKey: planKeys.list() });
      return result;
    },
  };
};
