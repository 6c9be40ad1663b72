import { send } from "./client";

/** A file the API answered, with the name its Content-Disposition gave. */
export interface Downloaded {
  filename: string;
  blob: Blob;
}

/** Progress of a download: bytes so far, and the total when the server said it (a PDF does; a streamed export does not). */
export type DownloadProgress = (received: number, total: number | null) => void;

export function filenameOf(disposition: string | null, fallback: string): string {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]) : fallback;
}

/**
 * Fetches a file through the same client as every API call (tenant and session), reading the body
 * as it arrives so the caller can show progress; errors come as the API's problem, as elsewhere.
 */
export async function downloadFile(
  path: string,
  onProgress: DownloadProgress,
  signal?: AbortSignal,
  fallbackName = "download",
): Promise<Downloaded> {
  const response = await send("GET", path, { accept: "*/*", signal });
  const length = Number(response.headers.get("Content-Length"));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const type = response.headers.get("Content-Type") ?? "application/octet-stream";
  const filename = filenameOf(response.headers.get("Content-Disposition"), fallbackName);
  if (!response.body) {
    const blob = await response.blob();
    onProgress(blob.size, blob.size);
    return { filename, blob };
  }
  const reader = response.body.getReader();
  const chunks: BlobPart[] = [];
  let received = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
  }
  return { filename, blob: new Blob(chunks, { type }) };
}

/** Hands the file to the browser's own download (saved under its name). */
export function saveFile({ filename, blob }: Downloaded) {
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
