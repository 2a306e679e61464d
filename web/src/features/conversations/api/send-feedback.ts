import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { OutcomeRequest } from '@/types/api';

/** A person's thumbs up or down on a reply, scored against the prompt version that produced it. */
export const sendFeedback = (body: OutcomeRequest): Promise<unknown> => api.post<unknown>('/api/outcomes', body);

export const useSendFeedback = () => useMutation({ mutationFn: sendFeedback });
