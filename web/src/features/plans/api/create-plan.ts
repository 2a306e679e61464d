import { useMutation, useQueryClient } from '@tanstack/react-query';
import { planKeys } from '@/features/plans/api/plan-keys';
import { api } from '@/lib/api-client';
import type { CreatePlanRequest, PlanView } from '@/types/api';

export const createPlan = (body: CreatePlanRequest): Promise<PlanView> => api.post<PlanView>('/api/plans', body);

export const useCreatePlan = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPlan,
    onSuccess: (plan) => {
      queryClient.setQueryData(planKeys.detail(plan.id), plan);
      void queryClient.invalidateQueries({ queryKey: planKeys.list() });
    },
  });
};
