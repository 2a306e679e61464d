import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { TaskBrief } from '@/features/plans/components/task-brief';
import { makeArtifact, makeShoppingCartPlan, makeTask } from '@/testing/data-generators';

describe('TaskBrief', () => {
  it('renders a result as Markdown without running or rendering the HTML in it', () => {
    const task = makeTask({
      status: 'completed',
      result:
        '## Done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>window.pwned = true</script>\n\n<img src="x" onerror="window.pwned = true">\n\n[bad](javascript:alert(1))',
    });
    const plan = makeShoppingCartPlan({ tasks: [task] });

    const { container } = render(<TaskBrief plan={plan} task={task} onOpenTask={() => {}} />);

    expect(container.querySelector('h2 + *')).not.toBeNull();
    expect(screen.getByRole('heading', { name: 'Done' })).toBeInTheDocument();
    expect(container.querySelector('table')).not.toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container).toHaveTextContent('<script>');
    expect(container.querySelector('a')?.getAttribute('href') ?? '').not.toContain('javascript');
    expect((window as unknown as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('lists the artifacts and opens the one clicked', () => {
    const task = makeTask({
      status: 'completed',
      result: 'x',
      artifacts: [
        makeArtifact({ id: 'a0', name: 'Result' }),
        makeArtifact({ id: 'a1', name: 'snippet.py', kind: 'code', language: 'python', version: 2 }),
      ],
    });
    const onOpenArtifact = vi.fn();

    render(<TaskBrief plan={makeShoppingCartPlan({ tasks: [task] })} task={task} onOpenTask={() => {}} onOpenArtifact={onOpenArtifact} />);
    fireEvent.click(screen.getByRole('button', { name: /snippet\.py/ }));

    expect(onOpenArtifact).toHaveBeenCalledWith('a1');
    expect(screen.getByText('v2')).toBeInTheDocument();
  });

  it('says why a failed task failed next to its Retry button, as text', () => {
    const task = makeTask({ status: 'failed', problem: 'The model could not be reached: <b>503</b> after 3 attempts.', result: null });
    const onRetry = vi.fn();

    const { container } = render(<TaskBrief plan={makeShoppingCartPlan({ tasks: [task] })} task={task} onOpenTask={() => {}} onRetry={onRetry} />);

    expect(screen.getByRole('note', { name: 'Why it failed' })).toHaveTextContent('The model could not be reached: <b>503</b> after 3 attempts.');
    expect(container.querySelector('b')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalled();
  });

  it('says nothing about a problem a completed task no longer has', () => {
    const task = makeTask({ status: 'completed', problem: 'old', result: 'done' });
    render(<TaskBrief plan={makeShoppingCartPlan({ tasks: [task] })} task={task} onOpenTask={() => {}} />);
    expect(screen.queryByRole('note')).toBeNull();
  });
});
