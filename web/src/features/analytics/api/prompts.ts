import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { CreatePromptVersionRequest, PromptTemplate, PromptVersion } from '@/types/api';

export const promptKeys = { all: ['prompts'] as const };

export const getPrompts = (): Promise<PromptTemplate[]> => api.get<PromptTemplate[]>('/api/prompts');

export const usePrompts = () => useQuery({ queryKey: promptKeys.all, queryFn: getPrompts });

export const useCreatePromptVersion = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, ...body }: CreatePromptVersionRequest & { name: string }) =>
      api.post<PromptVersion>(`/api/prompts/${encodeURIComponent(name)}/versions`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: promptKeys.all }),
  });
};
