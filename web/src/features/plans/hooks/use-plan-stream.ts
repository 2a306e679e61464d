import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { planKeys } from '@/features/plans/api/plan-keys';
import type { PlanView } from '@/types/api';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

// Event names the Planner may give its server-sent events; unnamed events arrive as "message".
const eventNames = ['plan', 'snapshot', 'plan-updated', 'planupdated', 'change', 'changed', 'event', 'task', 'update'];

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

/**
 * Keeps the cached plan in step with the Planner's event stream. Events that carry the plan replace
 * the cache (at most once a frame, never with an older version); other events trigger a coalesced
 * refetch. The browser resumes a dropped stream with Last-Event-ID; when the stream closes for good,
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
    let frame = 0;
    let pending: PlanView | null = null;
    let attempts = 0;
    let disposed = false;

    const flush = () => {
      frame = 0;
      const incoming = pending;
      pending = null;
      if (!incoming) return;
      queryClient.setQueryData<PlanView>(key, (current) =>
        current && current.version > incoming.version ? current : incoming,
      );
    };

    const refetchSoon = () => {
      if (refetchTimer) return;
      refetchTimer = window.setTimeout(() => {
        refetchTimer = 0;
        void queryClient.invalidateQueries({ queryKey: key });
      }, 120);
    };

    const onEvent = (event: MessageEvent<string>) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        refetchSoon();
        return;
      }
      const plan = planFromEvent(data);
      if (plan && plan.id === planId) {
        if (!pending || plan.version >= pending.version) pending = plan;
        if (!frame) frame = requestAnimationFrame(flush);
      } else {
        refetchSoon();
      }
    };

    const connect = () => {
      if (disposed) return;
      const query = lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : '';
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
      if (frame) cancelAnimationFrame(frame);
    };
  }, [planId, enabled, queryClient]);

  return state;
}
