import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { planKeys } from '@/features/plans/api/plan-keys';
import { planFromEvent, usePlanStream } from '@/features/plans/hooks/use-plan-stream';
import type { PlanView } from '@/types/api';
import { makeShoppingCartPlan } from '@/testing/data-generators';
import { createTestQueryClient } from '@/testing/test-utils';

class FakeEventSource {
  static instances: FakeEventSource[] = [];
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: (() => void) | null = null;
  listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  closed = false;
  constructor(public url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(name: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  emit(name: string, data: unknown, id = '') {
    const event = new MessageEvent(name, { data: JSON.stringify(data), lastEventId: id });
    if (name === 'message') this.onmessage?.(event);
    for (const listener of this.listeners.get(name) ?? []) listener(event);
  }
  fail() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
}

function flushFrames() {
  vi.advanceTimersByTime(150);
  vi.advanceTimersToNextFrame();
}

describe('usePlanStream', () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function setup() {
    const queryClient = createTestQueryClient();
    const plan = makeShoppingCartPlan({ version: 5 });
    queryClient.setQueryData(planKeys.detail(plan.id), plan);
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const hook = renderHook(() => usePlanStream(plan.id), { wrapper });
    return { queryClient, plan, invalidate, hook, source: () => FakeEventSource.instances.at(-1)! };
  }

  it('puts a newer plan from the stream into the cache, batching bursts', () => {
    const { queryClient, plan, hook, source } = setup();
    expect(source().url).toBe(`/api/plans/${plan.id}/stream`);
    act(() => source().open());
    expect(hook.result.current).toBe('live');

    const running = { ...plan, version: 6, status: 'running' as const };
    const newer = { ...plan, version: 7, status: 'running' as const };
    act(() => {
      source().emit('plan', running, '6');
      source().emit('message', { plan: newer }, '7');
    });
    act(() => flushFrames());
    expect(queryClient.getQueryData<PlanView>(planKeys.detail(plan.id))?.version).toBe(7);

    act(() => source().emit('plan', { ...plan, version: 4 }));
    act(() => flushFrames());
    expect(queryClient.getQueryData<PlanView>(planKeys.detail(plan.id))?.version).toBe(7);
  });

  it('patches a task’s status from a small event without refetching', () => {
    const { queryClient, plan, invalidate, source } = setup();
    act(() => {
      source().emit('event', { version: 6, type: 'TaskStatusChanged', at: '', data: { taskId: 'schema', status: 'active' } });
      source().emit('event', { version: 7, type: 'TaskStatusChanged', at: '', data: { taskId: 'research', status: 'completed' } });
      source().emit('event', { version: 5, type: 'TaskStatusChanged', at: '', data: { taskId: 'api', status: 'failed' } });
    });
    act(() => flushFrames());
    const cached = queryClient.getQueryData<PlanView>(planKeys.detail(plan.id))!;
    expect(cached.version).toBe(7);
    expect(cached.tasks.find((task) => task.id === 'schema')?.status).toBe('active');
    expect(cached.tasks.find((task) => task.id === 'research')?.status).toBe('completed');
    expect(cached.tasks.find((task) => task.id === 'api')?.status).toBe('pending');
    act(() => vi.advanceTimersByTime(200));
    expect(invalidate).not.toHaveBeenCalled();
  });

  it('refetches when an event does not carry the plan', () => {
    const { invalidate, source } = setup();
    act(() => source().emit('event', { version: 6, type: 'TaskAdded', at: '', data: { taskId: 'x', title: 'New' } }));
    act(() => vi.advanceTimersByTime(200));
    expect(invalidate).toHaveBeenCalled();
  });

  it('waits for the snapshot that follows a Planner "plan-event" instead of refetching', () => {
    const { invalidate, source } = setup();
    act(() => source().emit('plan-event', { version: 6, type: 'TaskAdded', at: '', data: { taskId: 'x', title: 'New' } }, '6'));
    act(() => vi.advanceTimersByTime(200));
    expect(invalidate).not.toHaveBeenCalled();
  });

  it('reconnects after the stream closes, resuming after the last event it saw', () => {
    const { plan, hook, source, invalidate } = setup();
    const first = source();
    act(() => first.open());
    act(() => first.emit('plan', { ...plan, version: 6 }, '6'));
    act(() => first.fail());
    expect(hook.result.current).toBe('reconnecting');
    act(() => vi.advanceTimersByTime(2_500));
    const second = source();
    expect(second).not.toBe(first);
    expect(second.url).toContain('after=6');
    invalidate.mockClear();
    act(() => second.open());
    act(() => vi.advanceTimersByTime(200));
    expect(invalidate).toHaveBeenCalled();
    hook.unmount();
    expect(second.closed).toBe(true);
  });

  it('recognises a plan under "plan" or "view", and nothing else', () => {
    const plan = makeShoppingCartPlan();
    expect(planFromEvent(plan)).toBe(plan);
    expect(planFromEvent({ plan })).toBe(plan);
    expect(planFromEvent({ view: plan })).toBe(plan);
    expect(planFromEvent({ type: 'TaskAdded' })).toBeNull();
  });
});
