import { queryOptions, useQuery } from '@tanstack/react-query';
import { planKeys } from '@/features/plans/api/plan-keys';
import { api } from '@/lib/api-client';
import type { PlanSummary } from '@/types/api';

export const getPlans = (): Promise<PlanSummary[]> => api.get<PlanSummary[]>('/api/plans');

export const plansQueryOptions = () =>
  queryOptions({ queryKey: planKeys.list(), queryFn: getPlans, refetchInterval: 15_000 });

export const usePlans = () => useQuery(plansQueryOptions());
