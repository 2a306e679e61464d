import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError } from '@/lib/api-client';
import type { ModelInfo } from '@/types/api';

/** The active model provider; the gateway answers at /api/system/model or, routed to Conversation, /api/model. */
export async function getModel(): Promise<ModelInfo> {
  try {
    return await api.get<ModelInfo>('/api/system/model');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return api.get<ModelInfo>('/api/model');
    throw error;
  }
}

export const modelQueryOptions = () =>
  queryOptions({
    queryKey: ['system', 'model'],
    queryFn: getModel,
    staleTime: 60_000,
    refetchInterval: 60_000,
    retry: false,
  });

export const useModel = () => useQuery(modelQueryOptions());
