import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Pattern, PatternSummary } from '@/types/api';

export const patternKeys = {
  all: () => ['patterns'] as const,
  list: (query: string) => ['patterns', 'list', query] as const,
  detail: (patternId: string) => ['patterns', 'detail', patternId] as const,
};

/** The gallery, best matches first when `query` is given. */
export const getPatterns = (query: string): Promise<PatternSummary[]> =>
  api.get<PatternSummary[]>('/api/patterns', { query: { query: query || undefined } });

export const usePatterns = (query: string) =>
  useQuery({ queryKey: patternKeys.list(query), queryFn: () => getPatterns(query), placeholderData: keepPreviousData });

export const getPattern = (patternId: string): Promise<Pattern> =>
  api.get<Pattern>(`/api/patterns/${encodeURIComponent(patternId)}`);

export const usePattern = (patternId: string | null) =>
  useQuery({
    queryKey: patternKeys.detail(patternId ?? ''),
    queryFn: () => getPattern(patternId ?? ''),
    enabled: patternId !== null,
  });
