import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { SystemHealth } from '@/types/api';

export const getHealth = (): Promise<SystemHealth> => api.get<SystemHealth>('/api/system/health');

export const healthQueryOptions = () =>
  queryOptions({
    queryKey: ['system', 'health'],
    queryFn: getHealth,
    refetchInterval: 10_000,
    retry: false,
  });

export const useHealth = () => useQuery(healthQueryOptions());
