import { useMutation, useQueryClient } from '@tanstack/react-query';
import { conversationKey } from '@/features/conversations/api/get-conversation';
import { api } from '@/lib/api-client';
import type { AcceptedProposal, ProposedSubtask } from '@/types/api';

type ProposalTarget = { conversationId: string; proposalId: string };

const proposalPath = ({ conversationId, proposalId }: ProposalTarget, action: 'accept' | 'dismiss') =>
  `/api/conversations/${encodeURIComponent(conversationId)}/proposals/${encodeURIComponent(proposalId)}/${action}`;

/** Creates the proposed child chats (as the person edited them) under the conversation's task. */
export const acceptProposal = (target: ProposalTarget & { subtasks?: ProposedSubtask[] }): Promise<AcceptedProposal> =>
  api.post<AcceptedProposal>(proposalPath(target, 'accept'), target.subtasks ? { subtasks: target.subtasks } : {});

export const dismissProposal = (target: ProposalTarget): Promise<unknown> => api.post<unknown>(proposalPath(target, 'dismiss'));

/** Accepting or dismissing re-reads the conversation; the plan's tree follows through its live stream. */
export const useProposalActions = (conversationId: string) => {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: conversationKey(conversationId) });
  return {
    accept: useMutation({ mutationFn: acceptProposal, onSuccess }),
    dismiss: useMutation({ mutationFn: dismissProposal, onSuccess }),
  };
};
