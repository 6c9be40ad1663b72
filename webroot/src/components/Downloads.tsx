import { useEffect, useRef, useState } from "react";
import { messageOf } from "../api/errors";
import { downloadFile, formatBytes, saveFile } from "../api/download";

/** Resources whose records the server renders as PDF (purchase orders, sales orders, carrier loads, invoices). */
export const PDF_RESOURCES = new Set(["purchase-orders", "sales-orders", "carrier-purchase-orders", "invoices"]);

interface Progress {
  received: number;
  total: number | null;
}

/** One download at a time, with its progress, its error and a way to cancel it. */
function useDownload() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const start = async (path: string, fallbackName: string) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setProgress({ received: 0, total: null });
    try {
      const file = await downloadFile(
        path,
        (received, total) => setProgress({ received, total }),
        controller.signal,
        fallbackName,
      );
      saveFile(file);
    } catch (err) {
      if (!(err instanceof DOMException && err.name === "AbortError")) setError(messageOf(err));
    } finally {
      if (abort.current === controller) abort.current = null;
      setProgress(null);
    }
  };
  const cancel = () => abort.current?.abort();
  return { progress, error, start, cancel };
}

function ProgressLine({ progress, label, onCancel }: { progress: Progress; label: string; onCancel: () => void }) {
  return (
    <span className="download-progress" role="status" aria-live="polite">
      {progress.total ? (
        <progress max={progress.total} value={progress.received} aria-label={label} />
      ) : (
        <progress aria-label={label} />
      )}
      <span className="muted small">
        {label} {formatBytes(progress.received)}
        {progress.total ? ` of ${formatBytes(progress.total)}` : ""}
      </span>
      <button type="button" className="btn btn-link small" onClick={onCancel}>
        Cancel
      </button>
    </span>
  );
}

/** "Download PDF" on a record's page. */
export function DownloadPdfButton({ resource, id }: { resource: string; id: string | number }) {
  const { progress, error, start, cancel } = useDownload();
  return (
    <span className="download">
      <button
        type="button"
        className="btn"
        disabled={progress !== null}
        onClick={() => start(`/${resource}/${id}/pdf`, `${resource}-${id}.pdf`)}
      >
        {progress ? "Preparing PDF…" : "Download PDF"}
      </button>
      {progress && <ProgressLine progress={progress} label="PDF" onCancel={cancel} />}
      {error && (
        <span className="error-text small" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

/** "Export" on a list page: the list as shown (filters, search, ordering), every page of it, as CSV or XLSX. */
export function ExportMenu({ resource, query }: { resource: string; query: string }) {
  const { progress, error, start, cancel } = useDownload();
  const [open, setOpen] = useState(false);
  const go = (format: "csv" | "xlsx") => {
    setOpen(false);
    start(`/${resource}/export.${format}${query ? `?${query}` : ""}`, `${resource}.${format}`);
  };
  return (
    <span className="download export-menu">
      <button
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={progress !== null}
        onClick={() => setOpen((o) => !o)}
      >
        {progress ? "Exporting…" : "Export ▾"}
      </button>
      {open && (
        <span className="menu" role="menu">
          <button type="button" role="menuitem" className="btn btn-link" onClick={() => go("csv")}>
            CSV (.csv)
          </button>
          <button type="button" role="menuitem" className="btn btn-link" onClick={() => go("xlsx")}>
            Excel (.xlsx)
          </button>
        </span>
      )}
      {progress && <ProgressLine progress={progress} label="Exported" onCancel={cancel} />}
      {error && (
        <span className="error-text small" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
