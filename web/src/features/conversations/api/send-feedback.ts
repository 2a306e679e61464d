import { useMutation, useQueryClient } from '@tanstack/react-query';
import { conversationKey } from '@/features/conversations/api/get-conversation';
import { api } from '@/lib/api-client';
import type { ConversationMessage, ReplyVerdict } from '@/types/api';

type FeedbackTarget = { conversationId: string; messageId: string; verdict: ReplyVerdict | null };

/**
 * The person's thumbs on a reply (null clears it). The Conversation service keeps it with the reply and
 * scores it against the prompt version that produced the reply.
 */
export const sendFeedback = ({ conversationId, messageId, verdict }: FeedbackTarget): Promise<ConversationMessage> =>
  api.post<ConversationMessage>(
    `/api/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/feedback`,
    { verdict },
  );

export const useSendFeedback = (conversationId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: Omit<FeedbackTarget, 'conversationId'>) => sendFeedback({ conversationId, ...target }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: conversationKey(conversationId) }),
  });
};
