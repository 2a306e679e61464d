import type { UIMessage } from 'ai';
import type { Conversation, ReplyVerdict, SubtaskProposal } from '@/types/api';

export type ChatMetadata = {
  tokens?: number | null;
  /** A reply's model call: the tokens it read and wrote, and what it cost in US dollars. */
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  promptVersionId?: string | null;
  stopped?: boolean;
  at?: string;
  /** The person's thumbs on a stored reply. */
  feedback?: ReplyVerdict | null;
};

/** Data parts of the stream: `data-subtask-proposal` carries a proposal to split the task into child chats. */
export type ChatData = {
  'subtask-proposal': { messageId: string; proposal: SubtaskProposal };
};

export type ChatMessage = UIMessage<ChatMetadata, ChatData>;

/** The stored conversation as chat messages; system prompts stay out of view. */
export function toChatMessages(conversation: Conversation): ChatMessage[] {
  return conversation.messages
    .filter((message) => message.role !== 'system')
    .map((message) => ({
      id: message.id,
      role: message.role,
      parts: message.proposal
        ? [
            { type: 'text', text: message.content },
            { type: 'data-subtask-proposal', data: { messageId: message.id, proposal: message.proposal } },
          ]
        : [{ type: 'text', text: message.content }],
      metadata: {
        tokens: message.tokens,
        inputTokens: message.inputTokens,
        outputTokens: message.outputTokens,
        costUsd: message.costUsd,
        promptVersionId: message.promptVersionId ?? null,
        stopped: message.status === 'stopped',
        at: message.at,
        feedback: message.feedback ?? null,
      },
    }));
}

export function messageText(message: ChatMessage): string {
  return message.parts
    .filter((part): part is { type: 'text'; text: string } => part.type === 'text')
    .map((part) => part.text)
    .join('');
}

export function totalTokens(conversation: Conversation | undefined): number {
  if (!conversation) return 0;
  return conversation.messages.reduce((sum, message) => sum + (message.tokens ?? 0), 0);
}

/** The proposal a reply carries, streamed or stored. */
export function messageProposal(message: ChatMessage): SubtaskProposal | null {
  for (const part of message.parts) {
    if (part.type === 'data-subtask-proposal') return part.data.proposal;
  }
  return null;
}
