import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Conversation } from '@/types/api';

export const conversationKey = (conversationId: string) => ['conversations', conversationId] as const;

export const getConversation = (conversationId: string): Promise<Conversation> =>
  api.get<Conversation>(`/api/conversations/${encodeURIComponent(conversationId)}`);

/** A conversation's stored messages; `poll` keeps it fresh while the executor drives the task. */
export const useConversation = (conversationId: string, poll = false) =>
  useQuery({
    queryKey: conversationKey(conversationId),
    queryFn: () => getConversation(conversationId),
    refetchInterval: poll ? 2_500 : false,
  });
