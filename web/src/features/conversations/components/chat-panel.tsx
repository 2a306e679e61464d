import { useChat } from '@ai-sdk/react';
import { useQueryClient } from '@tanstack/react-query';
import { DefaultChatTransport } from 'ai';
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { conversationKey, useConversation } from '@/features/conversations/api/get-conversation';
import { useSendFeedback } from '@/features/conversations/api/send-feedback';
import { Markdown } from '@/components/markdown/markdown';
import { ProposalCard } from '@/features/conversations/components/proposal-card';
import {
  messageProposal,
  messageText,
  toChatMessages,
  totalTokens,
  type ChatMessage,
} from '@/features/conversations/lib/chat-messages';
import { describeError } from '@/lib/api-client';
import type { ReplyVerdict } from '@/types/api';
import { formatUsd } from '@/lib/cost';
import './chat-panel.css';

/** What the "Split into child chats" button sends; the model answers it with a proposal of child chats. */
export const splitRequest = 'Split this task into child chats, each with its own focused brief.';

type ChatPanelProps = {
  conversationId: string;
  /** The plan the conversation's task belongs to. */
  subject: string;
  /** Shown above the messages: the task's brief and declared inputs. */
  header?: ReactNode;
  /** The question the task is waiting on, when it asked the person for input. */
  question?: string | null;
  /** True while the executor may add messages without the person (autonomous or hybrid turns). */
  live?: boolean;
  /** Says why the person cannot write here, when they cannot. */
  disabledReason?: string | null;
};

/** One task's conversation: history, streamed replies, stop, token counts and feedback. */
export function ChatPanel(props: ChatPanelProps) {
  const conversation = useConversation(props.conversationId, props.live ?? false);
  const history = useMemo(() => (conversation.data ? toChatMessages(conversation.data) : []), [conversation.data]);
  // The executor's last turn can land between two polls: read the conversation once more when it stops adding to it.
  const queryClient = useQueryClient();
  const live = props.live ?? false;
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) void queryClient.invalidateQueries({ queryKey: conversationKey(props.conversationId) });
    wasLive.current = live;
  }, [live, props.conversationId, queryClient]);

  if (conversation.isPending) {
    return (
      <div className="chat chat--centered">
        {props.header}
        <Spinner label="Loading the conversation" />
      </div>
    );
  }
  if (conversation.isError) {
    return (
      <div className="chat">
        {props.header}
        <div className="chat__scroll">
          <Alert title="This conversation could not be loaded">{describeError(conversation.error)}</Alert>
        </div>
      </div>
    );
  }
  return (
    <ChatSession
      key={props.conversationId}
      {...props}
      history={history}
      tokens={totalTokens(conversation.data)}
      question={props.question ?? conversation.data.pendingQuestion ?? null}
      recap={conversation.data.recap ?? null}
      canSplit={conversation.data.mode !== 'autonomous' || !conversation.data.parentId}
    />
  );
}

type ChatSessionProps = ChatPanelProps & {
  history: ChatMessage[];
  tokens: number;
  recap: { summary: string; messagesSummarised: number } | null;
  /** True when the chat may propose child chats: interactive and hybrid tasks, and the plan's root. */
  canSplit: boolean;
};

function ChatSession({ conversationId, subject, header, question, history, tokens, recap, disabledReason, canSplit }: ChatSessionProps) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [input, setInput] = useState('');
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const lastScrollTop = useRef(0);

  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatMessage>({
        api: `/api/conversations/${encodeURIComponent(conversationId)}/messages`,
        // The Conversation service takes only the new message; it keeps the context itself.
        prepareSendMessagesRequest: ({ messages }) => {
          const last = messages[messages.length - 1];
          return { body: { content: last ? messageText(last) : '' } };
        },
      }),
    [conversationId],
  );

  const { messages, sendMessage, status, stop, error, setMessages, clearError } = useChat<ChatMessage>({
    id: conversationId,
    messages: history,
    transport,
    // Re-render at most every 50 ms while tokens stream in, not once per token.
    experimental_throttle: 50,
    onFinish: () => {
      void queryClient.invalidateQueries({ queryKey: conversationKey(conversationId) });
    },
  });

  const busy = status === 'submitted' || status === 'streaming';

  // The stored conversation is the truth (ids, token counts, autonomous turns): adopt each new
  // version of it once no reply is streaming.
  const adopted = useRef(history);
  useEffect(() => {
    if (busy || adopted.current === history) return;
    adopted.current = history;
    setMessages(history);
  }, [history, busy, setMessages]);

  useEffect(() => {
    const element = scrollRef.current;
    if (element && stickToBottom.current) element.scrollTop = element.scrollHeight;
  }, [messages, status]);

  // What sits above the messages can grow too (the brief gains the task's result when it completes):
  // a reader at the bottom stays there.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => {
      if (stickToBottom.current) element.scrollTop = element.scrollHeight;
    });
    for (const child of element.children) observer.observe(child);
    return () => observer.disconnect();
  }, []);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const text = input.trim();
    if (!text || busy || disabledReason) return;
    clearError();
    stickToBottom.current = true;
    setInput('');
    void sendMessage({ text });
  };

  const askToSplit = () => {
    if (busy || disabledReason) return;
    clearError();
    stickToBottom.current = true;
    void sendMessage({ text: splitRequest });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const liveTokens = messages.reduce((sum, message) => sum + (message.metadata?.tokens ?? 0), 0);
  const shownTokens = Math.max(tokens, liveTokens);

  return (
    <div className="chat">
      <div
        className="chat__scroll"
        ref={scrollRef}
        onScroll={(event) => {
          // Only the reader scrolling up lets go of the bottom. Content that grows below the view, or
          // the browser keeping the view steady while content above it grows, must not.
          const element = event.currentTarget;
          if (element.scrollHeight - element.scrollTop - element.clientHeight < 40) stickToBottom.current = true;
          else if (element.scrollTop < lastScrollTop.current) stickToBottom.current = false;
          lastScrollTop.current = element.scrollTop;
        }}
      >
        {header}
        {recap && (
          <details className="chat__recap">
            <summary>
              {recap.messagesSummarised} earlier messages were summarised to keep this conversation short
            </summary>
            <p>{recap.summary}</p>
          </details>
        )}
        <ol className="chat__messages" aria-label="Messages" aria-live="polite">
          {messages.length === 0 && (
            <li className="chat__empty">
              <p>No messages yet.</p>
              <p className="faint">Write below to start this task’s conversation. It sees only its own brief and inputs.</p>
            </li>
          )}
          {messages.map((message, position) => (
            <MessageItem
              key={message.id}
              message={message}
              conversationId={conversationId}
              subject={subject}
              streaming={busy && position === messages.length - 1 && message.role === 'assistant'}
              onFeedbackError={(detail) => toast.error('Feedback not recorded', detail)}
            />
          ))}
          {status === 'submitted' && (
            <li className="chat__message chat__message--assistant">
              <div className="chat__thinking" aria-label="Waiting for the reply">
                <span />
                <span />
                <span />
              </div>
            </li>
          )}
        </ol>
        {error && (
          <div className="chat__error">
            <Alert title="The reply failed">{describeError(error)}</Alert>
          </div>
        )}
      </div>

      {question && (
        <div className="chat__question" role="status">
          <span className="chat__question-label">The task asks</span>
          <p>{question}</p>
        </div>
      )}

      <form className="chat__composer" onSubmit={submit}>
        <textarea
          className="chat__input"
          aria-label="Message"
          placeholder={
            disabledReason ?? (question ? 'Answer the question to let the task continue…' : 'Write a message…  (Enter to send, Shift+Enter for a new line)')
          }
          value={input}
          rows={Math.min(8, Math.max(2, input.split('\n').length))}
          onChange={(event) => setInput(event.target.value)}
          onKeyDown={onKeyDown}
          disabled={Boolean(disabledReason)}
        />
        <div className="chat__composer-bar">
          <span className="chat__tokens" title="Tokens used by this conversation">
            {shownTokens.toLocaleString()} tokens
          </span>
          {canSplit && !busy && (
            <button type="button" className="btn btn--sm btn--ghost" onClick={askToSplit} disabled={Boolean(disabledReason) || Boolean(question)}>
              Split into child chats
            </button>
          )}
          {busy ? (
            <button type="button" className="btn btn--sm" onClick={() => void stop()}>
              <span className="chat__stop-icon" aria-hidden /> Stop
            </button>
          ) : (
            <button
              type="submit"
              className="btn btn--sm btn--primary"
              disabled={!input.trim() || Boolean(disabledReason)}
            >
              Send
            </button>
          )}
        </div>
      </form>
    </div>
  );
}

type MessageItemProps = {
  message: ChatMessage;
  conversationId: string;
  /** The plan: created child chats link into it. */
  subject: string;
  streaming: boolean;
  onFeedbackError: (detail: string) => void;
};

function MessageItem({ message, conversationId, subject, streaming, onFeedbackError }: MessageItemProps) {
  const text = messageText(message);
  const proposal = messageProposal(message);
  const feedback = useSendFeedback(conversationId);
  const stored = message.metadata?.feedback ?? null;
  // The person's latest choice shows at once; the server's answer confirms it, and a failure brings back what was stored.
  const [chosen, setChosen] = useState<{ verdict: ReplyVerdict | null } | null>(null);
  const vote = chosen ? chosen.verdict : stored;

  const rate = (value: ReplyVerdict) => {
    const verdict = vote === value ? null : value;
    setChosen({ verdict });
    feedback.mutate(
      { messageId: message.id, verdict },
      {
        onSuccess: (reply) => setChosen({ verdict: reply.feedback ?? null }),
        onError: (failure) => {
          setChosen(null);
          onFeedbackError(describeError(failure));
        },
      },
    );
  };

  if (message.role === 'user') {
    return (
      <li className="chat__message chat__message--user">
        <div className="chat__bubble">{text}</div>
      </li>
    );
  }

  return (
    <li className="chat__message chat__message--assistant">
      <div className="chat__reply">
        {text ? <Markdown text={text} /> : streaming ? null : <p className="faint">(empty reply)</p>}
        {streaming && <span className="chat__caret" aria-hidden />}
        {proposal && !streaming && <ProposalCard conversationId={conversationId} planId={subject} proposal={proposal} />}
      </div>
      {!streaming && (
        <div className="chat__meta">
          {message.metadata?.stopped && <span className="chat__stopped">stopped</span>}
          {message.metadata?.tokens ? <span>{message.metadata.tokens.toLocaleString()} tokens</span> : null}
          {message.metadata?.costUsd ? (
            <span
              className="chat__cost"
              title={`${(message.metadata.inputTokens ?? 0).toLocaleString()} input + ${(message.metadata.outputTokens ?? 0).toLocaleString()} output tokens`}
            >
              {formatUsd(message.metadata.costUsd)}
            </span>
          ) : null}
          {message.metadata?.at && (
            <time dateTime={message.metadata.at}>
              {new Date(message.metadata.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
            </time>
          )}
          <span className="chat__votes">
            <button
              type="button"
              className={`chat__vote ${vote === 'up' ? 'is-on' : ''}`}
              aria-label="Good reply"
              aria-pressed={vote === 'up'}
              disabled={feedback.isPending}
              onClick={() => rate('up')}
            >
              <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden>
                <path
                  d="M7 11v9H4v-9h3zm2 9h8.3a2 2 0 0 0 2-1.6l1.3-6.4A2 2 0 0 0 18.6 9H14V5a2 2 0 0 0-2-2l-3 7v10z"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.7"
                  strokeLinejoin="round"
                />
              </svg>
            </button>
            <button
              type="button"
              className={`chat__vote ${vote === 'down' ? 'is-on' : ''}`}
              aria-label="Bad reply"
              aria-pressed={vote === 'down'}
              disabled={feedback.isPending}
              onClick={() => rate('down')}
            >
              <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden style={{ transform: 'rotate(180deg)' }}>
                <path
                  d="M7 11v9H4v-9h3zm2 9h8.3a2 2 0 0 0 2-1.6l1.3-6.4A2 2 0 0 0 18.6 9H14V5a2 2 0 0 0-2-2l-3 7v10z"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.7"
                  strokeLinejoin="round"
                />
              </svg>
            </button>
          </span>
        </div>
      )}
    </li>
  );
}
