import { errorMessage } from "../errors";

// Loading and error states shared by every query-backed view, so they look and read the same.
export function Loading({ label }: { label: string }) {
  return (
    <p className="status muted" role="status" aria-busy="true">
      {label}
    </p>
  );
}

export function LoadError({ error, what }: { error: unknown; what: string }) {
  return (
    <p role="alert" className="field-error status">
      Could not load {what}: {errorMessage(error, "please try again")}
    </p>
  );
}
