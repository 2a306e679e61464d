import { useMutation, useQueryClient } from '@tanstack/react-query';
import { planKeys } from '@/features/plans/api/plan-keys';
import { api } from '@/lib/api-client';
import type { PlanView, RatePlanRequest } from '@/types/api';

/** The person's 1–5 verdict on a finished plan; 409 while it is not finished. */
export const ratePlan = (planId: string, body: RatePlanRequest): Promise<PlanView> =>
  api.post<PlanView>(`/api/plans/${encodeURIComponent(planId)}/rating`, body);

export const useRatePlan = (planId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RatePlanRequest) => ratePlan(planId, body),
    onSuccess: (plan) => queryClient.setQueryData(planKeys.detail(planId), plan),
  });
};
