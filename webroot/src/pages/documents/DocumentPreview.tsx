import { useEffect, useRef, useState } from "react";
import { send } from "../../api/client";
import { messageOf } from "../../api/errors";
import { Loading } from "../../components/ui";

/**
 * An uploaded file shown in the page: a document beside its draft, a record's attachment (give it
 * a `key` of its path to show another). The API's pages may not be framed (frame-ancestors 'none')
 * and the CSP allows no <object>, so the bytes are fetched and shown by the page itself: images
 * as blob: URLs, text and CSV as text, PDFs drawn onto canvases by pdf.js (loaded only here).
 */
export function DocumentPreview({
  path,
  contentType,
  filename,
}: {
  path: string;
  contentType: string;
  filename: string;
}) {
  const [blob, setBlob] = useState<Blob | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    send("GET", path, { signal: controller.signal, accept: "*/*" })
      .then((r) => r.blob())
      .then(setBlob)
      .catch((e) => !controller.signal.aborted && setError(messageOf(e)));
    return () => controller.abort();
  }, [path]);

  if (error)
    return (
      <p className="banner banner-error" role="alert">
        The file could not be shown: {error}
      </p>
    );
  if (!blob) return <Loading label="Loading the document…" />;
  const type = (contentType || blob.type || "").toLowerCase();
  if (type.startsWith("image/")) return <ImagePreview blob={blob} alt={filename} />;
  if (type.includes("pdf")) return <PdfPreview blob={blob} />;
  return <TextPreview blob={blob} csv={type.includes("csv") || filename.toLowerCase().endsWith(".csv")} />;
}

function ImagePreview({ blob, alt }: { blob: Blob; alt: string }) {
  const [src, setSrc] = useState<string>("");
  useEffect(() => {
    const objectUrl = URL.createObjectURL(blob);
    setSrc(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [blob]);
  return src ? <img className="doc-image" src={src} alt={alt} /> : null;
}

function TextPreview({ blob, csv }: { blob: Blob; csv: boolean }) {
  const [text, setText] = useState("");
  useEffect(() => {
    blob.text().then(setText);
  }, [blob]);
  if (csv) {
    const rows = text
      .split(/\r?\n/)
      .filter(Boolean)
      .slice(0, 200)
      .map((line) => line.split(","));
    return (
      <div className="table-wrap">
        <table className="table compact">
          <tbody>
            {rows.map((cells, i) => (
              <tr key={i}>
                {cells.map((c, j) =>
                  i === 0 ? (
                    <th key={j} scope="col">
                      {c}
                    </th>
                  ) : (
                    <td key={j}>{c}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return <pre className="doc-text">{text}</pre>;
}

function PdfPreview({ blob }: { blob: Blob }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const [pages, setPages] = useState(0);

  useEffect(() => {
    // The cleanup empties the element this effect filled, even if React has moved the ref on.
    const node = host.current;
    let cancelled = false;
    let destroy: (() => void) | null = null;
    (async () => {
      try {
        const pdfjs = await import("pdfjs-dist");
        // Bundled by Vite as a same-origin .js worker: allowed by script-src 'self', right MIME type everywhere.
        const PdfWorker = (await import("pdfjs-dist/build/pdf.worker.min.mjs?worker")).default;
        if (!pdfjs.GlobalWorkerOptions.workerPort) pdfjs.GlobalWorkerOptions.workerPort = new PdfWorker();
        const task = pdfjs.getDocument({ data: new Uint8Array(await blob.arrayBuffer()), isEvalSupported: false });
        destroy = () => task.destroy();
        const pdf = await task.promise;
        if (cancelled) return;
        setPages(pdf.numPages);
        const width = host.current?.clientWidth || 600;
        for (let n = 1; n <= Math.min(pdf.numPages, 20); n++) {
          const page = await pdf.getPage(n);
          if (cancelled || !host.current) return;
          const base = page.getViewport({ scale: 1 });
          const scale = (width / base.width) * (window.devicePixelRatio || 1);
          const viewport = page.getViewport({ scale });
          const canvas = document.createElement("canvas");
          canvas.width = viewport.width;
          canvas.height = viewport.height;
          canvas.style.width = "100%";
          canvas.setAttribute("aria-label", `Page ${n}`);
          host.current.appendChild(canvas);
          await page.render({ canvas, canvasContext: canvas.getContext("2d")!, viewport }).promise;
        }
        if (!cancelled) setState("ready");
      } catch {
        if (!cancelled) setState("error");
      }
    })();
    return () => {
      cancelled = true;
      destroy?.();
      if (node) node.innerHTML = "";
    };
  }, [blob]);

  return (
    <div className="pdf">
      {state === "loading" && <Loading label="Drawing the PDF…" />}
      {state === "error" && <p className="muted">This PDF cannot be drawn here; download it to read it.</p>}
      <div ref={host} className="pdf-pages" role="img" aria-label={`PDF, ${pages} page${pages === 1 ? "" : "s"}`} />
    </div>
  );
}
