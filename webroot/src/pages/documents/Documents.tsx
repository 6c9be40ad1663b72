import { useEffect, useRef, useState, type DragEvent } from "react";
import { Link, useNavigate } from "react-router";
import { api, rowsOf } from "../../api/client";
import { uploadFile } from "../../api/upload";
import { Empty, ErrorBanner, Loading, PageHeader, useDocumentTitle } from "../../components/ui";
import { UploadList } from "../../components/UploadList";
import { formatDateTime } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";
import { useUploads } from "../../lib/useUploads";
import { useSession } from "../../state/session";
import { StatusBadge } from "../records/common";
import { isBusy, STATUS_WORDS, TARGETS, type DocumentRecord } from "./types";

const ACCEPT = ".pdf,.png,.jpg,.jpeg,.csv,.txt,application/pdf,image/png,image/jpeg,text/csv,text/plain";
const MAX_BYTES = 10 * 1024 * 1024;

export function Documents() {
  useDocumentTitle("Documents");
  const { generation } = useSession();
  const navigate = useNavigate();
  const docs = useLoad(
    (signal) =>
      api
        .get<DocumentRecord[] | { results: DocumentRecord[] }>("/documents?page_size=50&ordering=-created_on", {
          signal,
        })
        .then(rowsOf),
    [generation],
  );
  const [target, setTarget] = useState("");
  const { uploads, send, dismiss } = useUploads();
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // Poll while anything is still being read.
  const reload = docs.reload;
  const busy = (docs.data ?? []).some((d) => isBusy(d.status));
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(reload, 2000);
    return () => clearInterval(timer);
  }, [busy, reload]);

  const upload = (chosen: FileList | File[]) =>
    send(
      chosen,
      (file) => (file.size > MAX_BYTES ? "Too large: the limit is 10 MB." : null),
      (file, progress) => {
        const form = new FormData();
        form.append("file", file, file.name);
        if (target) form.append("target", target);
        return uploadFile<{ id: string | number }>("/documents", form, progress);
      },
      (created, count) => {
        reload();
        if (count === 1 && created?.id !== undefined) navigate(`/documents/${created.id}`);
      },
    );

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length) upload(e.dataTransfer.files);
  };

  return (
    <div className="page">
      <PageHeader title="Documents" />
      <p className="muted">
        Drop a purchase order, invoice, confirmation or rate sheet: the assistant reads it and drafts the record for you
        to review.
      </p>
      <div className="upload-row">
        <div className="field">
          <label htmlFor="doc-target">What is it?</label>
          <select id="doc-target" value={target} onChange={(e) => setTarget(e.target.value)}>
            {TARGETS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div
        className={dragging ? "dropzone dragging" : "dropzone"}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>
          <strong>Drag files here</strong> or
        </p>
        <button type="button" className="btn btn-primary" onClick={() => input.current?.click()}>
          Choose files…
        </button>
        <input
          ref={input}
          id="doc-file"
          type="file"
          accept={ACCEPT}
          multiple
          className="sr-only"
          aria-label="Choose files to upload"
          onChange={(e) => {
            if (e.target.files?.length) upload(e.target.files);
            e.target.value = "";
          }}
        />
        <p className="muted small">PDF, PNG, JPEG, CSV or plain text, up to 10 MB each.</p>
      </div>
      <UploadList uploads={uploads} onDismiss={dismiss} />
      <ErrorBanner error={docs.error} onRetry={docs.reload} />
      {docs.loading && !docs.data ? (
        <Loading />
      ) : (docs.data ?? []).length === 0 ? (
        <Empty title="No documents yet." />
      ) : (
        <div className="table-wrap">
          <table className="table table-hover">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Uploaded</th>
              </tr>
            </thead>
            <tbody>
              {(docs.data ?? []).map((d) => (
                <tr key={String(d.id)}>
                  <td>
                    <Link to={`/documents/${d.id}`}>{d.filename}</Link>
                  </td>
                  <td>{TARGETS.find(([v]) => v === d.target)?.[1] ?? (d.target || "—")}</td>
                  <td>
                    <StatusBadge value={d.status} /> <span className="muted small">{STATUS_WORDS[d.status] ?? ""}</span>
                  </td>
                  <td>{formatDateTime(d.created_on)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
