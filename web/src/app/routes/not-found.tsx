import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <div className="page">
      <h1>Nothing here</h1>
      <p className="muted" style={{ margin: '8px 0 16px' }}>
        This address does not name a page of Orchestrator.
      </p>
      <Link className="btn" to="/">
        Back to plans
      </Link>
    </div>
  );
}
