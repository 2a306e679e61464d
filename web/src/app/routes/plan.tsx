import { lazy, Suspense, useCallback, useEffect, useRef } from 'react';
import { useLocation, useMatch, useNavigate, useParams } from 'react-router';
import { SplitPane } from '@/components/layout/split-pane';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useExecutions, usePlan } from '@/features/plans/api/get-plan';
import {
  useApprovePlan,
  useCancelPlan,
  useCompleteTask,
  useDecomposeTask,
  useRetryTask,
} from '@/features/plans/api/plan-mutations';
import { BasedOnPatterns, SaveAsPatternButton } from '@/features/patterns/components/plan-patterns';
import { PlanHeader } from '@/features/plans/components/plan-header';
import { PlanRating } from '@/features/plans/components/plan-rating';
import { PlanReviewBanner } from '@/features/plans/components/plan-review-banner';
import { PlanTreePanel } from '@/features/plans/components/plan-tree-panel';
import { usePlanStream } from '@/features/plans/hooks/use-plan-stream';
import { useModel } from '@/features/system/api/get-model';
import { describeError } from '@/lib/api-client';
import type { PlanView, Task } from '@/types/api';
import '@/features/plans/components/plans.css';
import './plan.css';

// The editor is large: it loads when an artifact is first opened.
const ArtifactCanvas = lazy(() =>
  import('@/features/canvas/components/artifact-canvas').then((m) => ({ default: m.ArtifactCanvas })),
);

// The task's side (the chat with its streaming client, the brief, markdown) is not needed to draw the
// tree: it loads beside it, so a large plan's first cards do not wait for its code to be evaluated.
const loadChatPanel = () => import('@/features/conversations/components/chat-panel');
const loadTaskBrief = () => import('@/features/plans/components/task-brief');
const ChatPanel = lazy(() => loadChatPanel().then((m) => ({ default: m.ChatPanel })));
const TaskBrief = lazy(() => loadTaskBrief().then((m) => ({ default: m.TaskBrief })));

export function PlanRoute() {
  const { planId = '' } = useParams();
  const artifactMatch = useMatch('/plans/:planId/tasks/:taskId/artifacts/:artifactId');
  const taskMatch = useMatch('/plans/:planId/tasks/:taskId');
  const taskId = artifactMatch?.params.taskId ?? taskMatch?.params.taskId;
  const artifactId = artifactMatch?.params.artifactId ?? null;
  const plan = usePlan(planId);
  // Connected once the plan is here: the stream's first message is the whole plan again, and parsing
  // it beside the first render of a large plan only delays that render. Opening the stream refetches,
  // so nothing that changed in between is missed.
  const stream = usePlanStream(planId, plan.data !== undefined);

  // Without a live stream, poll so that status still moves.
  const polling = stream === 'unavailable' || stream === 'reconnecting';
  useEffect(() => {
    if (!polling) return undefined;
    const timer = window.setInterval(() => void plan.refetch(), 3_000);
    return () => window.clearInterval(timer);
  }, [polling, plan]);

  if (plan.isPending) {
    return (
      <div className="workspace workspace--loading">
        <Spinner label="Loading the plan" />
      </div>
    );
  }
  if (plan.isError) {
    return (
      <div className="page">
        <Alert
          title="This plan could not be loaded"
          action={
            <button type="button" className="btn btn--sm" onClick={() => void plan.refetch()}>
              Try again
            </button>
          }
        >
          {describeError(plan.error)}
        </Alert>
      </div>
    );
  }
  return <PlanWorkspace plan={plan.data} taskId={taskId ?? null} artifactId={artifactId} stream={stream} />;
}

type PlanWorkspaceProps = {
  plan: PlanView;
  taskId: string | null;
  artifactId: string | null;
  stream: ReturnType<typeof usePlanStream>;
};

function PlanWorkspace({ plan, taskId, artifactId, stream }: PlanWorkspaceProps) {
  const navigate = useNavigate();
  const location = useLocation();
  const toast = useToast();
  const approve = useApprovePlan(plan.id);
  const cancel = useCancelPlan(plan.id);
  const decompose = useDecomposeTask(plan.id);
  const complete = useCompleteTask(plan.id);
  const retry = useRetryTask(plan.id);
  const executions = useExecutions(plan.id, plan.status !== 'draft' && plan.status !== 'proposed');
  const model = useModel().data;
  const pricing = model ? { simulated: model.simulated, priced: model.priced ?? true } : undefined;

  const root = plan.tasks.find((task) => task.parentId === null) ?? null;
  const selected = (taskId ? plan.tasks.find((task) => task.id === taskId) : null) ?? null;
  const openTask = (task: Task) => void navigate(`/plans/${plan.id}/tasks/${task.id}`);
  const openArtifact = (task: Task, id: string) => void navigate(`/plans/${plan.id}/tasks/${task.id}/artifacts/${id}`);

  // A plan made from the home page is decomposed at once, with visible progress.
  const asked = useRef(false);
  const wantsDecompose = (location.state as { decompose?: boolean } | null)?.decompose === true;
  useEffect(() => {
    if (!wantsDecompose || asked.current || !root || plan.tasks.length > 1 || plan.status !== 'draft') return;
    asked.current = true;
    void navigate(location.pathname, { replace: true, state: null });
    decompose.mutate(root.id, { onError: (error) => toast.error('Decomposition failed', describeError(error)) });
  }, [wantsDecompose, root, plan.tasks.length, plan.status, decompose, navigate, location.pathname, toast]);

  // The task's side is fetched once the person reaches for the tree (before any click opens a task),
  // not beside the tree's first render.
  const prefetchSide = useCallback(() => {
    void loadChatPanel();
    void loadTaskBrief();
  }, []);

  const needsDecomposition = plan.status === 'draft' && plan.tasks.length <= 1;

  const left = (
    <div className="workspace__tree" onPointerEnter={prefetchSide} onFocus={prefetchSide}>
      {plan.status === 'proposed' && (
        <PlanReviewBanner
          plan={plan}
          approving={approve.isPending}
          regenerating={decompose.isPending}
          discarding={cancel.isPending}
          onApprove={() =>
            approve.mutate(undefined, {
              onSuccess: () => toast.success('Plan approved', 'Tasks whose inputs are ready start now.'),
              onError: (error) => toast.error('Could not approve', describeError(error)),
            })
          }
          onRegenerate={() =>
            root &&
            decompose.mutate(root.id, { onError: (error) => toast.error('Could not regenerate', describeError(error)) })
          }
          onDiscard={() =>
            void cancel
              .mutateAsync()
              .then(() => navigate('/'))
              .catch((error: unknown) => toast.error('Could not discard', describeError(error)))
          }
        />
      )}
      {needsDecomposition && root && (
        <div className="decompose-callout">
          {decompose.isPending ? (
            <Spinner label="Breaking the request into focused tasks…" />
          ) : (
            <>
              <div>
                <strong>Only the request so far.</strong>
                <span className="muted"> Let the planner propose a tree of focused tasks, or add tasks by hand.</span>
              </div>
              <button type="button" className="btn btn--primary btn--sm" onClick={() => decompose.mutate(root.id, {
                onError: (error) => toast.error('Decomposition failed', describeError(error)),
              })}>
                Decompose
              </button>
            </>
          )}
        </div>
      )}
      <div className="workspace__canvas">
        <PlanTreePanel plan={plan} selectedTaskId={selected?.id ?? null} onOpenTask={openTask} />
      </div>
    </div>
  );

  const chat = selected ? (
    selected.conversationId ? (
      <ChatPanel
        key={selected.conversationId}
        conversationId={selected.conversationId}
        subject={plan.id}
        question={selected.status === 'awaiting-input' ? (selected.question ?? 'This task is waiting for your input.') : null}
        live={selected.status === 'active' || selected.status === 'ready' || selected.status === 'awaiting-input'}
        header={
          <TaskBrief
            plan={plan}
            task={selected}
            execution={executions.data?.find((execution) => execution.taskId === selected.id)}
            pricing={pricing}
            onOpenTask={openTask}
            onOpenArtifact={(id) => openArtifact(selected, id)}
            onMarkDone={() =>
              complete.mutate(
                { taskId: selected.id },
                {
                  onSuccess: () => toast.success(`“${selected.title}” marked done`),
                  onError: (error) => toast.error('Could not mark done', describeError(error)),
                },
              )
            }
            onRetry={() =>
              retry.mutate(selected.id, { onError: (error) => toast.error('Could not retry', describeError(error)) })
            }
          />
        }
      />
    ) : (
      <div className="workspace__empty">
        <TaskBrief plan={plan} task={selected} pricing={pricing} onOpenTask={openTask} />
        <p className="muted">This task has no conversation yet.</p>
      </div>
    )
  ) : (
    <div className="workspace__empty">
      <div className="workspace__empty-inner">
        <svg width="40" height="40" viewBox="0 0 32 32" aria-hidden>
          <circle cx="9" cy="16" r="3.2" fill="#c9c9c2" />
          <circle cx="23" cy="9" r="3.2" fill="#93b4f5" />
          <circle cx="23" cy="23" r="3.2" fill="#8fd3a8" />
          <path d="M12 15l8-5M12 17l8 5" stroke="#c9c9c2" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
        <h2>Pick a task to open its conversation</h2>
        <p className="muted">Each task has its own short, focused chat with only its brief and declared inputs.</p>
        {root && (
          <button type="button" className="btn" onClick={() => openTask(root)}>
            Open “{root.title}”
          </button>
        )}
      </div>
    </div>
  );

  const side = (
    <Suspense
      fallback={
        <div className="workspace__empty">
          <Spinner label="Opening the task" />
        </div>
      }
    >
      {chat}
    </Suspense>
  );

  const artifacts = selected?.artifacts ?? [];
  const right =
    selected && artifactId ? (
      <div className="task-side task-side--canvas">
        <div className="task-side__chat">{side}</div>
        <Suspense
          fallback={
            <div className="canvas">
              <Spinner label="Opening the canvas" />
            </div>
          }
        >
          <ArtifactCanvas
            planId={plan.id}
            taskId={selected.id}
            taskTitle={selected.title}
            artifacts={artifacts}
            artifactId={artifactId}
            onSelect={(id) => openArtifact(selected, id)}
            onClose={() => openTask(selected)}
          />
        </Suspense>
      </div>
    ) : (
      side
    );

  return (
    <div className="workspace">
      <PlanHeader
        plan={plan}
        stream={stream}
        pricing={pricing}
        onCancel={() =>
          void cancel.mutateAsync().catch((error: unknown) => toast.error('Could not stop the plan', describeError(error)))
        }
      />
      <div className="plan-extras">
        <BasedOnPatterns plan={plan} />
        <SaveAsPatternButton plan={plan} />
        <PlanRating plan={plan} />
      </div>
      <div className="workspace__body">
        <SplitPane storageKey="orchestrator.split" left={left} right={right} />
      </div>
    </div>
  );
}
