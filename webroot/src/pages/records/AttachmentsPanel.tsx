import { useRef, useState } from "react";
import { api } from "../../api/client";
import { downloadFile, formatBytes, saveFile } from "../../api/download";
import type { ResourceMeta } from "../../api/types";
import { uploadFile } from "../../api/upload";
import { ConfirmDialog, ErrorBanner, Spinner } from "../../components/ui";
import { UploadList } from "../../components/UploadList";
import { formatDateTime } from "../../lib/format";
import { atLeast } from "../../lib/roles";
import { useLoad } from "../../lib/useLoad";
import { useUploads } from "../../lib/useUploads";
import { useSession } from "../../state/session";
import { DocumentPreview } from "../documents/DocumentPreview";
import {
  ACCEPT,
  type Attachment,
  attachmentsPath,
  canRemove,
  KINDS,
  kindLabel,
  previewOf,
  refusal,
} from "./attachments";

/**
 * Files on the record (bills of lading, proofs of delivery, certificates, photos): upload with
 * progress, list, preview images and PDFs in the page, download, remove. `onChanged` follows every
 * change, so the history (which records them) can reload.
 */
export function AttachmentsPanel({ meta, id, onChanged }: { meta: ResourceMeta; id: string; onChanged: () => void }) {
  const { role, user, generation } = useSession();
  const base = attachmentsPath(meta.name, id);
  const list = useLoad((signal) => api.get<Attachment[]>(base, { signal }), [base, generation]);
  const [kind, setKind] = useState("other");
  const { uploads, send, dismiss } = useUploads();
  const [shown, setShown] = useState<number | null>(null);
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);
  const canUpload = atLeast(role, meta.write_role);
  const files = list.data ?? [];
  const preview = files.find((a) => a.id === shown) ?? null;

  const upload = (chosen: FileList) =>
    send(
      chosen,
      refusal,
      (file, progress) => {
        const form = new FormData();
        form.append("kind", kind);
        form.append("file", file, file.name);
        return uploadFile<Attachment>(base, form, progress);
      },
      (created) => {
        if (previewOf(created.content_type)) setShown(created.id);
        list.reload();
        onChanged();
      },
    );

  const download = async (attachment: Attachment) => {
    setError(null);
    try {
      saveFile(
        await downloadFile(attachmentsPath(meta.name, id, attachment.id), () => {}, undefined, attachment.filename),
      );
    } catch (e) {
      setError(e);
    }
  };

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    setError(null);
    try {
      await api.delete(attachmentsPath(meta.name, id, removing.id));
      if (shown === removing.id) setShown(null);
      list.reload();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  };

  return (
    <section className="card attachments" aria-labelledby="attachments-title">
      <div className="card-head">
        <h2 id="attachments-title">Files {list.loading && <Spinner />}</h2>
        {canUpload && (
          <div className="card-actions attachments-upload">
            <label htmlFor="attachment-kind" className="sr-only">
              What is it?
            </label>
            <select id="attachment-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {KINDS.filter(([value]) => value !== "document").map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn-small" onClick={() => input.current?.click()}>
              Attach files…
            </button>
            <input
              ref={input}
              id="attachment-file"
              type="file"
              accept={ACCEPT}
              multiple
              className="sr-only"
              aria-label="Choose files to attach"
              onChange={(e) => {
                if (e.target.files?.length) upload(e.target.files);
                e.target.value = "";
              }}
            />
          </div>
        )}
      </div>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      <ErrorBanner error={error} />
      <UploadList uploads={uploads} onDismiss={dismiss} />
      {files.length === 0 && !list.loading ? (
        <p className="muted">
          No files yet.{canUpload ? " Attach a bill of lading, a proof of delivery, a certificate or a photo." : ""}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Attached</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {files.map((a) => (
                <tr key={a.id} aria-selected={a.id === shown}>
                  <td>
                    {previewOf(a.content_type) ? (
                      <button
                        type="button"
                        className="btn btn-link"
                        aria-pressed={a.id === shown}
                        onClick={() => setShown(a.id === shown ? null : a.id)}
                      >
                        {a.filename}
                      </button>
                    ) : (
                      a.filename
                    )}
                  </td>
                  <td>{kindLabel(a.kind)}</td>
                  <td className="num">{formatBytes(a.size)}</td>
                  <td>
                    {formatDateTime(a.created_on)}
                    <span className="muted small"> by {a.uploaded_by_email ?? "a former user"}</span>
                  </td>
                  <td className="row-actions">
                    <button type="button" className="btn btn-small" onClick={() => download(a)}>
                      Download
                    </button>
                    {canRemove(a, user, role, meta) && (
                      <button
                        type="button"
                        className="btn btn-small btn-danger-outline"
                        onClick={() => setRemoving(a)}
                        aria-label={`Remove ${a.filename}`}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview && (
        <figure className="attachment-preview" aria-label={`Preview of ${preview.filename}`}>
          <DocumentPreview
            key={preview.id}
            path={attachmentsPath(meta.name, id, preview.id)}
            contentType={preview.content_type}
            filename={preview.filename}
          />
          <figcaption className="muted small">{preview.filename}</figcaption>
        </figure>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.filename ?? "this file"}?`}
        confirmLabel="Remove"
        danger
        busy={busy}
        onCancel={() => setRemoving(null)}
        onConfirm={remove}
      >
        <p>The file is removed from this {meta.singular.toLowerCase()} for everyone; its history keeps the name.</p>
      </ConfirmDialog>
    </section>
  );
}
