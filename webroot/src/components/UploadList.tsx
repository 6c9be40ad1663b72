import type { Upload } from "../lib/useUploads";

/** The files being sent, each with its progress, or the reason it was not taken and a Dismiss. */
export function UploadList({ uploads, onDismiss }: { uploads: Upload[]; onDismiss: (key: number) => void }) {
  if (uploads.length === 0) return null;
  return (
    <ul className="uploads" aria-label="Uploads">
      {uploads.map((u) => (
        <li key={u.key}>
          <span>{u.name}</span>
          {u.error ? (
            <>
              <span className="field-error" role="alert">
                {u.error}
              </span>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => onDismiss(u.key)}>
                Dismiss
              </button>
            </>
          ) : (
            <>
              <progress max={1} value={u.progress} aria-label={`Uploading ${u.name}`} />
              <span className="muted small">{Math.round(u.progress * 100)}%</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
