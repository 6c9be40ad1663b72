import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useNavigate } from "react-router";
import { api } from "../api/client";
import { messageOf } from "../api/errors";
import { moveActive, paletteOf, searchTerm, type SearchAnswer } from "../lib/search";

/** Waits this long after the last key before asking: typing "cactus" is one request, not six. */
const DEBOUNCE_MS = 200;

type Status =
  { kind: "idle" } | { kind: "busy" } | { kind: "done"; answer: SearchAnswer } | { kind: "error"; message: string };

/**
 * Ctrl/⌘-K: one search over every resource (GET /search?q=), results grouped by resource. The input
 * is a combobox driving a listbox through aria-activedescendant: arrows move, Enter opens, Esc closes.
 */
export function SearchPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      input.current?.select();
    }
    if (!open && d.open) d.close();
  }, [open]);

  const term = searchTerm(text);
  useEffect(() => {
    if (!open) return;
    if (!term) {
      setStatus({ kind: "idle" });
      setActive(-1);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setStatus((s) => (s.kind === "done" ? s : { kind: "busy" }));
      api
        .get<SearchAnswer>(`/search?q=${encodeURIComponent(term)}&limit=5`, { signal: controller.signal })
        .then((answer) => {
          setStatus({ kind: "done", answer });
          setActive(answer.groups.length ? 0 : -1);
        })
        .catch((error) => {
          if (!controller.signal.aborted) setStatus({ kind: "error", message: messageOf(error) });
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [term, open]);

  const answer = status.kind === "done" ? status.answer : null;
  const { groups, options } = paletteOf(answer);
  const current = active >= 0 && active < options.length ? options[active] : null;

  useEffect(() => {
    if (current) document.getElementById(current.id)?.scrollIntoView({ block: "nearest" });
  }, [current]);

  const go = (href: string) => {
    onClose();
    navigate(href);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => moveActive(i, e.key === "ArrowDown" ? 1 : -1, options.length));
    } else if (e.key === "Home" && options.length && e.ctrlKey) {
      e.preventDefault();
      setActive(0);
    } else if (e.key === "End" && options.length && e.ctrlKey) {
      e.preventDefault();
      setActive(options.length - 1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (current) go(current.href);
    }
  };

  let message: string | null = null;
  if (status.kind === "idle") message = "Type a name, a number or a fragment: suppliers, orders, invoices…";
  else if (status.kind === "busy") message = "Searching…";
  else if (status.kind === "error") message = status.message;
  else if (answer && answer.total === 0) message = `Nothing matches “${answer.q}”.`;
  else if (answer)
    message = `${answer.total} match${answer.total === 1 ? "" : "es"} in ${answer.groups.length} kind${answer.groups.length === 1 ? "" : "s"} of record. ↑↓ to choose, Enter to open.`;

  return (
    <dialog
      ref={dialog}
      className="dialog palette"
      aria-labelledby="palette-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog itself.
        if (e.target === dialog.current) onClose();
      }}
    >
      <h2 id="palette-title" className="sr-only">
        Search everything
      </h2>
      <div className="palette-input">
        <span aria-hidden="true">⌕</span>
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-label="Search every record"
          aria-expanded={options.length > 0}
          aria-controls="palette-list"
          aria-autocomplete="list"
          aria-activedescendant={current?.id}
          autoComplete="off"
          spellCheck={false}
          placeholder="Search suppliers, orders, invoices…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <kbd>Esc</kbd>
      </div>
      <p className={status.kind === "error" ? "palette-status error-text" : "palette-status muted small"} role="status">
        {message}
      </p>
      <div id="palette-list" role="listbox" aria-label="Search results" className="palette-list">
        {groups.map((g) => (
          <div key={g.resource} role="group" aria-labelledby={`palette-group-${g.resource}`}>
            <div id={`palette-group-${g.resource}`} role="presentation" className="palette-group">
              {g.title} <span className="count">{g.count}</span>
            </div>
            {g.options.map((o) => {
              const selected = current?.id === o.id;
              return (
                <div
                  key={o.id}
                  id={o.id}
                  role="option"
                  aria-selected={selected}
                  className={["palette-option", selected ? "active" : "", o.kind === "all" ? "all" : ""]
                    .filter(Boolean)
                    .join(" ")}
                  onMouseMove={() => !selected && setActive(options.indexOf(o))}
                  onClick={() => go(o.href)}
                >
                  <span className="palette-label">{o.label}</span>
                  {o.detail && <span className="palette-detail">{o.detail}</span>}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </dialog>
  );
}
