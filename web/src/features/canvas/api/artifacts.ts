import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { ArtifactContent } from '@/types/api';

export const artifactPath = (planId: string, taskId: string, artifactId: string) =>
  `/api/plans/${encodeURIComponent(planId)}/tasks/${encodeURIComponent(taskId)}/artifacts/${encodeURIComponent(artifactId)}`;

// Under the plan's key, so a change to the plan (an edit recorded, a new result) refreshes the open artifact too.
const artifactKey = (planId: string, taskId: string, artifactId: string) =>
  ['plans', planId, 'artifacts', taskId, artifactId] as const;

export const useArtifact = (planId: string, taskId: string, artifactId: string) =>
  useQuery({
    queryKey: artifactKey(planId, taskId, artifactId),
    queryFn: () => api.get<ArtifactContent>(artifactPath(planId, taskId, artifactId)),
    retry: false,
  });

/** Saves an edit as the artifact's next version; the server refuses (409) an edit of a version that is no longer current. */
export const useSaveArtifact = (planId: string, taskId: string, artifactId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ content, version }: { content: string; version: number }) =>
      api.put<ArtifactContent>(artifactPath(planId, taskId, artifactId), { content, version }),
    onSuccess: (saved) => {
      queryClient.setQueryData(artifactKey(planId, taskId, artifactId), saved);
      void queryClient.invalidateQueries({ queryKey: ['plans', planId], exact: true });
    },
  });
};
