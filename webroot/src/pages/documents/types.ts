export interface DocumentRecord {
  id: number | string;
  filename: string;
  content_type: string;
  status: "pending" | "processing" | "needs_review" | "failed" | "accepted" | "rejected" | string;
  target?: string | null;
  draft?: Record<string, unknown> | null;
  flags?: Record<string, string> | null;
  error?: string | null;
  record_id?: number | string | null;
  resource?: string | null;
  created_on?: string;
}

export const TARGETS: Array<[string, string]> = [
  ["", "Let the assistant decide"],
  ["purchase-orders", "Purchase order"],
  ["sales-orders", "Sales order"],
  ["invoices", "Invoice"],
  ["suppliers", "Supplier"],
  ["customers", "Customer"],
  ["carriers", "Carrier"],
];

export const STATUS_WORDS: Record<string, string> = {
  pending: "Waiting to be read",
  processing: "Reading…",
  needs_review: "Ready for review",
  failed: "Could not be read",
  accepted: "Accepted",
  rejected: "Rejected",
};

export const isBusy = (status: string) => status === "pending" || status === "processing";
