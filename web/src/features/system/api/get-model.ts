import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { ModelInfo } from '@/types/api';

/** The active model provider, from the Conversation service (the gateway routes /api/model to it). */
export const getModel = (): Promise<ModelInfo> => api.get<ModelInfo>('/api/model');

export const modelQueryOptions = () =>
  queryOptions({
    queryKey: ['system', 'model'],
    queryFn: getModel,
    staleTime: 60_000,
    refetchInterval: 60_000,
    retry: false,
  });

export const useModel = () => useQuery(modelQueryOptions());
