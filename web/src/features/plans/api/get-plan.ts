import { queryOptions, useQuery } from '@tanstack/react-query';
import { planKeys } from '@/features/plans/api/plan-keys';
import { api } from '@/lib/api-client';
import type { ExecutionStatus, PlanView } from '@/types/api';

export const getPlan = (planId: string): Promise<PlanView> =>
  api.get<PlanView>(`/api/plans/${encodeURIComponent(planId)}`);

export const planQueryOptions = (planId: string) =>
  queryOptions({ queryKey: planKeys.detail(planId), queryFn: () => getPlan(planId) });

export const usePlan = (planId: string) => useQuery(planQueryOptions(planId));

export const getExecutions = (planId: string): Promise<ExecutionStatus[]> =>
  api.get<ExecutionStatus[]>('/api/executions', { query: { planId } });

export const useExecutions = (planId: string, enabled = true) =>
  useQuery({
    queryKey: planKeys.executions(planId),
    queryFn: () => getExecutions(planId),
    enabled,
    refetchInterval: 10_000,
    retry: false,
  });
