import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <div className="page" role="alert">
      <h1>Something broke on this page</h1>
      <p className="muted" style={{ margin: '8px 0 16px' }}>
        {message}
      </p>
      <div className="row">
        <button className="btn" type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
        <Link className="btn btn--ghost" to="/">
          Back to plans
        </Link>
      </div>
    </div>
  );
}
