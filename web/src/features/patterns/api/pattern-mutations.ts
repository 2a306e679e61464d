import { useMutation, useQueryClient } from '@tanstack/react-query';
import { patternKeys } from '@/features/patterns/api/get-patterns';
import { api } from '@/lib/api-client';
import type { Pattern, PlanView } from '@/types/api';

/** Saves a plan's tree to the gallery; 409 when it has no tasks under its root or is saved already. */
export const saveAsPattern = (planId: string): Promise<Pattern> =>
  api.post<Pattern>(`/api/plans/${encodeURIComponent(planId)}/save-as-pattern`);

export const deletePattern = (patternId: string): Promise<void> =>
  api.delete<void>(`/api/patterns/${encodeURIComponent(patternId)}`);

/** A new plan from a pattern: the planner adapts the pattern's tree to `request` and proposes it. */
export const startFromPattern = ({ patternId, request }: { patternId: string; request: string }): Promise<PlanView> =>
  api.post<PlanView>('/api/plans', { request, patternId });

export const useSaveAsPattern = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveAsPattern,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patternKeys.all() }),
  });
};

export const useDeletePattern = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePattern,
    onSuccess: (_nothing, patternId) => {
      queryClient.removeQueries({ queryKey: patternKeys.detail(patternId) });
      return queryClient.invalidateQueries({ queryKey: patternKeys.all() });
    },
  });
};

export const useStartFromPattern = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startFromPattern,
    // Its use counts once the plan exists.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patternKeys.all() }),
  });
};
