import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { PlanEvent, PlanView } from '@/types/api';

// Under ['plans', planId] so that live updates of the plan refresh its history too.
const auditKeys = {
  history: (planId: string) => ['plans', planId, 'history'] as const,
  version: (planId: string, version: number) => ['plans', planId, 'version', version] as const,
};

export const getHistory = (planId: string): Promise<PlanEvent[]> =>
  api.get<PlanEvent[]>(`/api/plans/${encodeURIComponent(planId)}/history`);

export const useHistory = (planId: string) =>
  useQuery({ queryKey: auditKeys.history(planId), queryFn: () => getHistory(planId) });

export const getPlanAtVersion = (planId: string, version: number): Promise<PlanView> =>
  api.get<PlanView>(`/api/plans/${encodeURIComponent(planId)}`, { query: { version } });

/** The plan as it was at `version`; a version never changes, so it is cached for good. */
export const usePlanAtVersion = (planId: string, version: number | null) =>
  useQuery({
    queryKey: auditKeys.version(planId, version ?? 0),
    queryFn: () => getPlanAtVersion(planId, version ?? 0),
    enabled: version !== null && version > 0,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
