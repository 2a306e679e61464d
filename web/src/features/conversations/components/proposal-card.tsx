import { useState } from 'react';
import { Link } from 'react-router';
import { useProposalActions } from '@/features/conversations/api/proposals';
import { describeError } from '@/lib/api-client';
import type { ProposedSubtask, SubtaskProposal, TaskMode } from '@/types/api';
import './proposal-card.css';

// The service sends a proposed subtask's mode as the model wrote it: a word it does not know is shown as it is.
const modes: Record<TaskMode, string> & Partial<Record<string, string>> = { autonomous: 'Autonomous', interactive: 'Interactive', hybrid: 'Hybrid' };

type ProposalCardProps = {
  conversationId: string;
  /** The plan the task belongs to, for links to the created child chats. */
  planId: string;
  proposal: SubtaskProposal;
};

/**
 * A proposal to split the task into child chats: each child with its mode, dependencies and expected outputs, and
 * Create, Edit (the fields inline, before creating) and Dismiss. Everything shown is text: a model's words never run as HTML.
 */
export function ProposalCard({ conversationId, planId, proposal }: ProposalCardProps) {
  const { accept, dismiss } = useProposalActions(conversationId);
  const [draft, setDraft] = useState<ProposedSubtask[] | null>(null);
  const open = proposal.status === 'open';
  // Once decided, the stored proposal (as created) is what the card shows.
  const editing = open && draft !== null;
  const subtasks = editing ? draft : proposal.subtasks;
  const titleOf = (key: string) => subtasks.find((s) => s.key === key)?.title ?? key;
  const pending = accept.isPending || dismiss.isPending;
  const failure = accept.error ?? dismiss.error;

  const change = (index: number, patch: Partial<ProposedSubtask>) =>
    setDraft(subtasks.map((subtask, at) => (at === index ? { ...subtask, ...patch } : subtask)));
  const remove = (index: number) => {
    const removed = subtasks[index]?.key;
    setDraft(
      subtasks.filter((_, at) => at !== index).map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => d !== removed) })),
    );
  };

  return (
    <section className={`proposal proposal--${proposal.status}`} aria-label="Proposed child chats">
      <header className="proposal__header">
        <span className="proposal__label">
          {proposal.status === 'accepted'
            ? `Created ${subtasks.length} child chats`
            : proposal.status === 'dismissed'
              ? 'Split dismissed'
              : `Split into ${subtasks.length} child chats?`}
        </span>
        {proposal.reason && <p className="proposal__reason">{proposal.reason}</p>}
      </header>
      <ol className="proposal__list">
        {subtasks.map((subtask, index) => {
          const taskId = proposal.taskIds?.[index];
          return (
            <li key={`${subtask.key}-${index}`} className="proposal__item" data-testid="proposed-subtask">
              {editing ? (
                <div className="proposal__edit">
                  <input
                    className="input"
                    aria-label={`Title of child chat ${index + 1}`}
                    value={subtask.title}
                    onChange={(event) => change(index, { title: event.target.value })}
                  />
                  <select
                    className="select"
                    aria-label={`Mode of child chat ${index + 1}`}
                    value={subtask.mode}
                    onChange={(event) => change(index, { mode: event.target.value as TaskMode })}
                  >
                    {(Object.keys(modes) as TaskMode[]).map((mode) => (
                      <option key={mode} value={mode}>
                        {modes[mode]}
                      </option>
                    ))}
                  </select>
                  <textarea
                    className="textarea"
                    aria-label={`Brief of child chat ${index + 1}`}
                    rows={3}
                    value={subtask.objective}
                    onChange={(event) => change(index, { objective: event.target.value })}
                  />
                  <button type="button" className="btn btn--sm btn--ghost" onClick={() => remove(index)} disabled={subtasks.length <= 1}>
                    Remove
                  </button>
                </div>
              ) : (
                <>
                  <div className="proposal__title">
                    {taskId ? <Link to={`/plans/${encodeURIComponent(planId)}/tasks/${encodeURIComponent(taskId)}`}>{subtask.title}</Link> : subtask.title}
                    <span className={`proposal__mode proposal__mode--${subtask.mode}`}>{modes[subtask.mode] ?? subtask.mode}</span>
                  </div>
                  {subtask.dependsOn.length > 0 && (
                    <div className="proposal__detail">After: {subtask.dependsOn.map(titleOf).join(', ')}</div>
                  )}
                  {subtask.expectedOutputs.length > 0 && (
                    <div className="proposal__detail">Delivers: {subtask.expectedOutputs.join(', ')}</div>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ol>
      {failure && (
        <p className="proposal__error" role="alert">
          {describeError(failure)}
        </p>
      )}
      {open && (
        <div className="proposal__actions">
          <button
            type="button"
            className="btn btn--sm btn--primary"
            disabled={pending}
            onClick={() => accept.mutate({ conversationId, proposalId: proposal.id, subtasks: editing ? draft : undefined })}
          >
            {accept.isPending ? 'Creating…' : 'Create'}
          </button>
          <button type="button" className="btn btn--sm" disabled={pending} onClick={() => setDraft(editing ? null : proposal.subtasks)}>
            {editing ? 'Undo edits' : 'Edit'}
          </button>
          <button
            type="button"
            className="btn btn--sm btn--ghost"
            disabled={pending}
            onClick={() => dismiss.mutate({ conversationId, proposalId: proposal.id })}
          >
            Dismiss
          </button>
        </div>
      )}
    </section>
  );
}
