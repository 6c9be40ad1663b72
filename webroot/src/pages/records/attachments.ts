import type { Role } from "../../api/types";
import { atLeast } from "../../lib/roles";

/** One file on a record, as GET /{resource}/{id}/attachments lists it. */
export interface Attachment {
  id: number;
  resource: string;
  record_id: number;
  filename: string;
  content_type: string;
  size: number;
  kind: string;
  document: number | null;
  uploaded_by: number | null;
  uploaded_by_email: string | null;
  created_on: string;
}

/** What a file is to the record, in the order the upload form offers them. */
export const KINDS: [string, string][] = [
  ["other", "Other"],
  ["bill_of_lading", "Bill of lading"],
  ["proof_of_delivery", "Proof of delivery"],
  ["certificate", "Certificate"],
  ["photo", "Photo"],
  ["invoice", "Invoice"],
  ["document", "Source document"],
];

export const MAX_BYTES = 10 * 1024 * 1024;
export const ACCEPT = ".pdf,.png,.jpg,.jpeg,.csv,.txt,application/pdf,image/png,image/jpeg,text/csv,text/plain";

export function kindLabel(kind: string): string {
  return KINDS.find(([value]) => value === kind)?.[1] ?? kind;
}

/** How the page shows a file: images and PDFs in the page, the rest only as a download. */
export function previewOf(contentType: string): "image" | "pdf" | null {
  const type = contentType.toLowerCase();
  if (type.startsWith("image/")) return "image";
  if (type === "application/pdf") return "pdf";
  return null;
}

/** The reason a chosen file cannot be sent, before sending it; null when it may be. */
export function refusal(file: { size: number }): string | null {
  if (file.size > MAX_BYTES) return "Too large: the limit is 10 MB.";
  if (file.size === 0) return "The file is empty.";
  return null;
}

/**
 * As the API decides: the write role removes its own files; another person's (or one whose
 * uploader is gone) needs the resource's delete role.
 */
export function canRemove(
  attachment: Pick<Attachment, "uploaded_by">,
  me: { id: number | string } | null,
  role: Role | null,
  meta: { write_role: Role; delete_role: Role },
): boolean {
  if (!atLeast(role, meta.write_role)) return false;
  const own = me != null && attachment.uploaded_by != null && String(attachment.uploaded_by) === String(me.id);
  return own || atLeast(role, meta.delete_role);
}

/** The path of the record's attachments, or of one of them. */
export function attachmentsPath(resource: string, id: string | number, attachment?: number): string {
  const base = `/${resource}/${id}/attachments`;
  return attachment === undefined ? base : `${base}/${attachment}`;
}
