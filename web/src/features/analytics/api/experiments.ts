import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { promptKeys } from '@/features/analytics/api/prompts';
import { readKnownExperiments, rememberExperiment } from '@/features/analytics/lib/known-experiments';
import { api, ApiError } from '@/lib/api-client';
import type { CreateExperimentRequest, Experiment, ExperimentResults } from '@/types/api';

export const experimentKeys = {
  list: ['experiments'] as const,
  results: (id: string) => ['experiments', id, 'results'] as const,
};

/** The service's list when it has one, merged with the experiments this browser started. */
export async function getExperimentIds(): Promise<string[]> {
  const known = readKnownExperiments();
  try {
    const listed = await api.get<Experiment[]>('/api/experiments');
    const ids = listed.map((experiment) => experiment.id);
    return [...ids, ...known.filter((id) => !ids.includes(id))];
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return known;
    throw error;
  }
}

export const useExperimentIds = () => useQuery({ queryKey: experimentKeys.list, queryFn: getExperimentIds });

export const getExperimentResults = (id: string): Promise<ExperimentResults> =>
  api.get<ExperimentResults>(`/api/experiments/${encodeURIComponent(id)}/results`);

export const useExperimentResults = (id: string) =>
  useQuery({
    queryKey: experimentKeys.results(id),
    queryFn: () => getExperimentResults(id),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 5_000 : false),
  });

export const useCreateExperiment = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateExperimentRequest) => api.post<Experiment>('/api/experiments', body),
    onSuccess: (experiment) => {
      rememberExperiment(experiment.id);
      void queryClient.invalidateQueries({ queryKey: experimentKeys.list });
    },
  });
};

/** Starts the experiment on decomposing with the gallery's proven plans against without them, on plan success. */
export const useStartPatternsExperiment = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Experiment>('/api/experiments/patterns', {}),
    onSuccess: (experiment) => {
      rememberExperiment(experiment.id);
      void queryClient.invalidateQueries({ queryKey: experimentKeys.list });
      void queryClient.invalidateQueries({ queryKey: promptKeys.all });
    },
  });
};

function useExperimentAction<V>(id: string, request: (variables: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: experimentKeys.results(id) });
      void queryClient.invalidateQueries({ queryKey: promptKeys.all });
    },
  });
}

export const useStopExperiment = (id: string) =>
  useExperimentAction(id, () => api.post<unknown>(`/api/experiments/${encodeURIComponent(id)}/stop`));

export const usePromoteVersion = (id: string) =>
  useExperimentAction(id, (versionId: string) =>
    api.post<unknown>(`/api/experiments/${encodeURIComponent(id)}/promote`, { versionId }),
  );
