import { memo, useState } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import './markdown.css';

type MdNode = { type: string; value?: string; children?: MdNode[] };

/** Turns raw HTML in the Markdown into plain text, so it is shown as written and never parsed. */
function remarkHtmlAsText() {
  const visit = (node: MdNode) => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(visit);
  };
  return (tree: MdNode) => visit(tree);
}

function CodeBlock({ children, language }: { children: string; language: string | null }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="md-code">
      <div className="md-code__bar">
        <span>{language ?? 'text'}</span>
        <button
          type="button"
          className="md-code__copy"
          onClick={() => {
            void navigator.clipboard?.writeText(children).then(() => {
              setCopied(true);
              window.setTimeout(() => setCopied(false), 1500);
            });
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre>
        <code>{children}</code>
      </pre>
    </div>
  );
}

const components: Components = {
  pre: ({ children }) => <>{children}</>,
  code: ({ className, children }) => {
    const text = String(children ?? '');
    const language = /language-([\w-]+)/.exec(className ?? '')?.[1] ?? null;
    const block = language !== null || text.includes('\n');
    if (!block) return <code className="md-inline-code">{children}</code>;
    return <CodeBlock language={language}>{text.replace(/\n$/, '')}</CodeBlock>;
  },
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  img: ({ alt }) => <span className="md-image-alt">[image: {alt ?? 'no description'}]</span>,
};

/**
 * Renders a model's reply as Markdown. Raw HTML in the reply is shown as text, never parsed (no
 * rehype-raw), links with unsafe protocols are dropped by react-markdown's URL filter, and images are
 * not loaded: nothing a model writes can run script or reach out from the page.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm, remarkHtmlAsText]} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
