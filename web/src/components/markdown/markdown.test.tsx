import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from '@/components/markdown/markdown';

describe('Markdown', () => {
  it('renders formatting, lists and fenced code', () => {
    const { container } = render(<Markdown text={'**Bold** and `code`\n\n- one\n- two\n\n```ts\nconst x = 1;\n```'} />);
    expect(container.querySelector('strong')).toHaveTextContent('Bold');
    expect(container.querySelectorAll('li')).toHaveLength(2);
    expect(screen.getByText('const x = 1;')).toBeInTheDocument();
    expect(screen.getByText('ts')).toBeInTheDocument();
  });

  it('never turns HTML from a reply into elements', () => {
    const { container } = render(
      <Markdown text={'Hello <script>window.hacked = true</script> <img src=x onerror="alert(1)"> <b>bold?</b>'} />,
    );
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container).toHaveTextContent('<script>');
    expect((window as unknown as { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('drops javascript: links and does not load images', () => {
    const { container } = render(<Markdown text={'[click](javascript:alert(1)) ![pic](http://example.test/x.png)'} />);
    const link = container.querySelector('a');
    expect(link?.getAttribute('href') ?? '').not.toContain('javascript');
    expect(container.querySelector('img')).toBeNull();
    expect(container).toHaveTextContent('[image: pic]');
  });
});
