import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { planKeys } from '@/features/plans/api/plan-keys';
import type { PlanView, TaskStatus } from '@/types/api';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

// The Planner names its events "plan-event" (one per appended event, each followed by a "plan"
// snapshot of the whole plan); the other names are accepted too. Unnamed events arrive as "message".
const eventNames = ['plan', 'plan-event', 'snapshot', 'event', 'task', 'update'];

function isPlanView(value: unknown): value is PlanView {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as PlanView).tasks) &&
    typeof (value as PlanView).id === 'string'
  );
}

/** The PlanView an event carries, either as the whole payload or under `plan` / `view`. */
export function planFromEvent(data: unknown): PlanView | null {
  if (isPlanView(data)) return data;
  if (typeof data === 'object' && data !== null) {
    const record = data as Record<string, unknown>;
    if (isPlanView(record.plan)) return record.plan;
    if (isPlanView(record.view)) return record.view;
  }
  return null;
}

const taskStatuses: readonly string[] = ['pending', 'ready', 'active', 'awaiting-input', 'completed', 'failed', 'cancelled'];

export type StatusPatch = { taskId: string; status: TaskStatus; version: number | null };

/**
 * A task's new status when an event says only that (`{ taskId, status }`, possibly under `data`,
 * as in the plan's history), so that the cache can be patched without refetching the whole plan.
 */
export function statusPatchFromEvent(data: unknown): StatusPatch | null {
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  const inner = (typeof record.data === 'object' && record.data !== null ? record.data : record) as Record<string, unknown>;
  const keys = Object.keys(inner).filter((key) => key !== 'at' && key !== 'planId');
  if (typeof inner.taskId !== 'string' || typeof inner.status !== 'string') return null;
  if (!taskStatuses.includes(inner.status) || keys.some((key) => key !== 'taskId' && key !== 'status')) return null;
  const version = typeof record.version === 'number' ? record.version : null;
  return { taskId: inner.taskId, status: inner.status as TaskStatus, version };
}

/**
 * Keeps the cached plan in step with the Planner's event stream. Events that carry the plan replace
 * the cache, events that only change a task's status patch it (both at most ten times a second, never
 * going back to an older version); any other event triggers a coalesced refetch. The browser resumes a dropped stream with Last-Event-ID; when the stream closes for good,
 * this reconnects with backoff and refetches, so no change is lost either way.
 */
export function usePlanStream(planId: string, enabled = true): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    if (!enabled) return undefined;
    if (typeof EventSource === 'undefined') {
      setState('unavailable');
      return undefined;
    }

    const key = planKeys.detail(planId);
    let source: EventSource | null = null;
    let lastEventId = '';
    let retryTimer = 0;
    let refetchTimer = 0;
    let flushTimer = 0;
    let frame = 0;
    let lastFlush = -Infinity;
    let pending: PlanView | null = null;
    let patches: StatusPatch[] = [];
    let attempts = 0;
    let disposed = false;

    const flush = () => {
      frame = 0;
      lastFlush = performance.now();
      const incoming = pending;
      const changes = patches;
      pending = null;
      patches = [];
      queryClient.setQueryData<PlanView>(key, (current) => {
        let plan = current && incoming && current.version > incoming.version ? current : (incoming ?? current);
        if (!plan) return plan;
        const fresh = changes.filter((patch) => patch.version === null || patch.version > (plan as PlanView).version);
        if (fresh.length === 0) return plan;
        const statuses = new Map(fresh.map((patch) => [patch.taskId, patch.status]));
        const version = Math.max(plan.version, ...fresh.map((patch) => patch.version ?? plan!.version));
        plan = {
          ...plan,
          version,
          tasks: plan.tasks.map((task) => {
            const status = statuses.get(task.id);
            return status && status !== task.status ? { ...task, status } : task;
          }),
        };
        return plan;
      });
    };

    // Applies what arrived at most ten times a second, on an animation frame: a burst of changes
    // costs one render, not one per change.
    const scheduleFlush = () => {
      if (flushTimer || frame) return;
      const wait = Math.max(0, lastFlush + 100 - performance.now());
      flushTimer = window.setTimeout(() => {
        flushTimer = 0;
        frame = requestAnimationFrame(flush);
      }, wait);
    };

    const refetchSoon = () => {
      if (refetchTimer) return;
      refetchTimer = window.setTimeout(() => {
        refetchTimer = 0;
        void queryClient.invalidateQueries({ queryKey: key });
      }, 120);
    };

    const onEvent = (event: MessageEvent<string>) => {
      // A "plan-event" is always followed by a snapshot, so only a status change is worth acting on.
      const snapshotFollows = event.type === 'plan-event';
      if (event.lastEventId) lastEventId = event.lastEventId;
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        refetchSoon();
        return;
      }
      const plan = planFromEvent(data);
      const patch = plan ? null : statusPatchFromEvent(data);
      if (plan && plan.id === planId) {
        if (!pending || plan.version >= pending.version) pending = plan;
      } else if (patch && queryClient.getQueryData(key)) {
        patches.push(patch);
      } else {
        if (!snapshotFollows) refetchSoon();
        return;
      }
      scheduleFlush();
    };

    const connect = () => {
      if (disposed) return;
      // The browser resumes with Last-Event-ID itself; a new EventSource says where to resume with ?after=.
      const query = lastEventId ? `?after=${encodeURIComponent(lastEventId)}` : '';
      source = new EventSource(`/api/plans/${encodeURIComponent(planId)}/stream${query}`);
      source.onopen = () => {
        attempts = 0;
        setState('live');
        // Whatever changed while we were away arrives by refetch, even if the server cannot replay.
        refetchSoon();
      };
      source.onmessage = onEvent;
      for (const name of eventNames) source.addEventListener(name, onEvent as EventListener);
      source.onerror = () => {
        if (!source || source.readyState !== EventSource.CLOSED) {
          setState('reconnecting');
          return;
        }
        source = null;
        attempts += 1;
        setState(attempts > 3 ? 'unavailable' : 'reconnecting');
        retryTimer = window.setTimeout(connect, Math.min(15_000, 1_000 * 2 ** Math.min(attempts, 4)));
      };
    };

    setState('connecting');
    connect();

    return () => {
      disposed = true;
      source?.close();
      window.clearTimeout(retryTimer);
      window.clearTimeout(refetchTimer);
      window.clearTimeout(flushTimer);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [planId, enabled, queryClient]);

  return state;
}
