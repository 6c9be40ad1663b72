import { useState } from "react";

/** Copies text; falls back to selecting it where the Clipboard API is unavailable (plain http). */
export function CopyButton({ text, label = "Copy", targetId }: { text: string; label?: string; targetId?: string }) {
  const [copied, setCopied] = useState<"yes" | "select" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("yes");
    } catch {
      const target = targetId ? document.getElementById(targetId) : null;
      if (target instanceof HTMLInputElement) target.select();
      setCopied("select");
    }
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <button type="button" className="btn btn-small" onClick={copy} aria-live="polite">
      {copied === "yes" ? "Copied ✓" : copied === "select" ? "Selected — press Ctrl+C" : label}
    </button>
  );
}
