import type { ReactNode } from 'react';
import './alert.css';

type AlertProps = {
  tone?: 'error' | 'warning' | 'info';
  title: string;
  children?: ReactNode;
  action?: ReactNode;
};

export function Alert({ tone = 'error', title, children, action }: AlertProps) {
  return (
    <div className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="alert__text">
        <strong>{title}</strong>
        {children && <div className="alert__body">{children}</div>}
      </div>
      {action}
    </div>
  );
}
