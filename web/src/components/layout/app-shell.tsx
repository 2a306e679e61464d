import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import './app-shell.css';

type AppShellProps = {
  banner?: ReactNode;
  status?: ReactNode;
  children: ReactNode;
};

export function AppShell({ banner, status, children }: AppShellProps) {
  return (
    <div className="shell">
      <header className="shell__header">
        <NavLink to="/" className="shell__brand" aria-label="Orchestrator home">
          <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden>
            <rect width="32" height="32" rx="8" fill="#1d1f24" />
            <circle cx="9" cy="16" r="3.2" fill="#f9fafb" />
            <circle cx="23" cy="9" r="3.2" fill="#60a5fa" />
            <circle cx="23" cy="23" r="3.2" fill="#34d399" />
            <path d="M12 15l8-5M12 17l8 5" stroke="#f9fafb" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          <span>Orchestrator</span>
        </NavLink>
        <nav className="shell__nav" aria-label="Main">
          <NavLink to="/" end className="shell__link">
            Plans
          </NavLink>
          <NavLink to="/patterns" className="shell__link">
            Gallery
          </NavLink>
          <NavLink to="/analytics" className="shell__link">
            Prompt analytics
          </NavLink>
          <NavLink to="/system" className="shell__link">
            System
          </NavLink>
        </nav>
        <div className="shell__status">{status}</div>
      </header>
      {banner}
      <main className="shell__main">{children}</main>
    </div>
  );
}
