import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { FailurePattern } from '@/types/api';

export const failureKeys = { all: ['analytics', 'failures'] as const };

export const getFailurePatterns = (): Promise<FailurePattern[]> => api.get<FailurePattern[]>('/api/analytics/failures?limit=10');

// Failures arrive while plans run: refresh now and then rather than on every change.
export const useFailurePatterns = () =>
  useQuery({ queryKey: failureKeys.all, queryFn: getFailurePatterns, refetchInterval: 30_000 });
