import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import {
  assistantApi,
  streamAnswer,
  usageTotals,
  type ChatMessage,
  type ChatSession,
  type StreamOutcome,
  type ToolCall,
} from "../../api/assistant";
import { ApiError, describeProblem, messageOf } from "../../api/errors";
import { Markdown } from "../../components/Markdown";
import { ConfirmDialog, ErrorBanner, Loading, Spinner, useDocumentTitle } from "../../components/ui";
import { atLeast } from "../../lib/roles";
import { useLoad } from "../../lib/useLoad";
import { useSession } from "../../state/session";

type Streaming = { sessionId: string; messageId: string | null; controller: AbortController };

function NotConfigured() {
  return (
    <div className="page narrow">
      <h1>Assistant</h1>
      <div className="card not-configured" role="status">
        <h2>The assistant is not set up yet</h2>
        <p>
          An administrator can switch it on by giving the server an OpenAI key (or the address of any OpenAI-compatible
          service) in <code>OPENAI_API_KEY</code> and <code>OPENAI_BASE_URL</code>.
        </p>
        <p>Everything else in ProjectMeats works without it.</p>
      </div>
    </div>
  );
}

/**
 * Asks /assistant/status first (a 200 whether or not the assistant is on), so a server without an
 * AI key is told apart without a call that fails; only then are the conversations read.
 */
export function Assistant() {
  useDocumentTitle("Assistant");
  const { generation, role } = useSession();
  const status = useLoad(() => assistantApi.status(), [generation]);
  if (status.loading && !status.data) return <Loading label="Opening the assistant…" />;
  if (status.error)
    return (
      <div className="page narrow">
        <h1>Assistant</h1>
        <ErrorBanner error={status.error} onRetry={status.reload} />
      </div>
    );
  if (!status.data?.configured) return <NotConfigured />;
  // The token usage is for managers and up: a lesser role is not asked, rather than refused.
  return <AssistantChat showUsage={atLeast(role, "manager")} />;
}

function AssistantChat({ showUsage }: { showUsage: boolean }) {
  const { sessionId } = useParams();
  const navigate = useNavigate();
  const { generation } = useSession();
  const sessions = useLoad(() => assistantApi.sessions(), [generation]);
  const usage = useLoad(
    () => (showUsage ? assistantApi.usage().catch(() => null) : Promise.resolve(null)),
    [generation, showUsage],
  );
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [loadingMessages, setLoadingMessages] = useState(false);
  const [messagesError, setMessagesError] = useState<unknown>(null);
  const [draft, setDraft] = useState("");
  const [streaming, setStreaming] = useState<Streaming | null>(null);
  const [sendError, setSendError] = useState<ApiError | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<ChatSession | null>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const pending = useRef<string>("");
  const frame = useRef<number | null>(null);
  const stickToBottom = useRef(true);

  const loadMessages = useCallback(async (id: string) => {
    setLoadingMessages(true);
    setMessagesError(null);
    try {
      setMessages(await assistantApi.messages(id));
    } catch (error) {
      setMessagesError(error);
    } finally {
      setLoadingMessages(false);
    }
  }, []);

  useEffect(() => {
    if (streaming && streaming.sessionId === sessionId) return;
    if (sessionId) loadMessages(sessionId);
    else setMessages([]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId, loadMessages]);

  useEffect(() => {
    if (stickToBottom.current) endRef.current?.scrollIntoView({ block: "end" });
  }, [messages]);

  useEffect(() => () => streaming?.controller.abort(), [streaming]);

  const patchLast = (change: (m: ChatMessage) => ChatMessage) =>
    setMessages((list) => list.map((m, i) => (i === list.length - 1 ? change(m) : m)));

  /** Deltas arrive faster than the screen needs: render at most once per frame. */
  const flush = () => {
    frame.current = null;
    const text = pending.current;
    pending.current = "";
    if (text) patchLast((m) => ({ ...m, content: m.content + text }));
  };
  const onDelta = (text: string) => {
    pending.current += text;
    if (frame.current === null) frame.current = requestAnimationFrame(flush);
  };

  const follow = async (sid: string, path: string, body: unknown) => {
    const controller = new AbortController();
    const state: Streaming = { sessionId: sid, messageId: null, controller };
    setStreaming(state);
    setSendError(null);
    let outcome: StreamOutcome;
    try {
      outcome = await streamAnswer(
        path,
        body,
        {
          onIds: (ids) => {
            state.messageId = ids.assistant_message_id ? String(ids.assistant_message_id) : null;
            setMessages((list) =>
              list.map((m, i) => {
                if (i === list.length - 1 && ids.assistant_message_id)
                  return { ...m, id: String(ids.assistant_message_id) };
                if (i === list.length - 2 && m.role === "user" && ids.user_message_id)
                  return { ...m, id: String(ids.user_message_id) };
                return m;
              }),
            );
          },
          onDelta,
          onTool: (tool: ToolCall) => patchLast((m) => ({ ...m, tools: [...(m.tools ?? []), tool] })),
        },
        controller.signal,
      );
    } catch (error) {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      flush();
      setMessages((list) => (list[list.length - 1]?.content ? list : list.slice(0, -1)));
      setSendError(
        error instanceof ApiError ? error : new ApiError({ status: 0, code: "network", message: messageOf(error) }),
      );
      setStreaming(null);
      return;
    }
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    flush();
    patchLast((m) => {
      switch (outcome.kind) {
        case "done":
          return { ...m, status: "complete", usage: outcome.usage ?? m.usage };
        case "stopped":
          return {
            ...m,
            status: "interrupted",
            problem: { kind: "stopped", message: "Stopped. The part shown is kept." },
          };
        case "error":
          return { ...m, status: "failed", problem: { kind: "error", message: outcome.message } };
        default:
          return { ...m, status: "interrupted", problem: { kind: "lost", message: outcome.message } };
      }
    });
    setStreaming(null);
    usage.reload();
    // The session's title comes from its first question, whether or not the answer completed.
    sessions.reload();
  };

  const ask = async (e?: FormEvent) => {
    e?.preventDefault();
    const content = draft.trim();
    if (!content || streaming) return;
    let sid = sessionId;
    if (!sid) {
      try {
        const created = await assistantApi.create();
        sid = String(created.id);
        navigate(`/assistant/${sid}`);
        sessions.reload();
      } catch (error) {
        setSendError(error instanceof ApiError ? error : null);
        return;
      }
    }
    setDraft("");
    stickToBottom.current = true;
    setMessages((list) => [
      ...list,
      { id: `local-u-${Date.now()}`, role: "user", content, status: "complete" },
      { id: `local-a-${Date.now()}`, role: "assistant", content: "", status: "streaming" },
    ]);
    await follow(sid, `/assistant/sessions/${sid}/messages`, { content });
  };

  const stop = () => {
    if (!streaming) return;
    if (streaming.messageId) assistantApi.stop(streaming.sessionId, streaming.messageId).catch(() => undefined);
    streaming.controller.abort();
  };

  const regenerate = async (message: ChatMessage) => {
    if (!sessionId || streaming) return;
    setMessages((list) => [
      ...list.slice(0, list.lastIndexOf(message)),
      { id: `local-a-${Date.now()}`, role: "assistant", content: "", status: "streaming" },
    ]);
    await follow(sessionId, `/assistant/sessions/${sessionId}/messages/${message.id}/regenerate`, {});
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      ask();
    }
  };

  const rename = async (s: ChatSession) => {
    const title = window.prompt("New name for this conversation", s.title ?? "");
    if (title === null || !title.trim()) return;
    await assistantApi.rename(String(s.id), title.trim()).catch(() => undefined);
    sessions.reload();
  };

  const remove = async (s: ChatSession) => {
    await assistantApi.remove(String(s.id)).catch(() => undefined);
    setConfirmDelete(null);
    sessions.reload();
    if (String(s.id) === sessionId) navigate("/assistant");
  };

  if (sessions.error instanceof ApiError && sessions.error.code === "ai_not_configured") return <NotConfigured />;
  if (sendError?.code === "ai_not_configured") return <NotConfigured />;

  const totals = usageTotals(usage.data);
  const lastAssistant = [...messages].reverse().find((m) => m.role === "assistant");

  return (
    <div className="assistant">
      <aside className="chat-sessions" aria-label="Conversations">
        <button
          type="button"
          className="btn btn-primary btn-block"
          onClick={() => {
            setDraft("");
            navigate("/assistant");
          }}
          disabled={!!streaming}
        >
          + New conversation
        </button>
        {sessions.loading && !sessions.data && <Loading />}
        <ErrorBanner error={sessions.error} onRetry={sessions.reload} />
        <ul>
          {(sessions.data ?? []).map((s) => (
            <li key={String(s.id)} className={String(s.id) === sessionId ? "active" : undefined}>
              <Link to={`/assistant/${s.id}`} aria-current={String(s.id) === sessionId ? "page" : undefined}>
                {s.title || "New conversation"}
              </Link>
              <span className="session-actions">
                <button
                  type="button"
                  className="btn btn-icon btn-ghost"
                  aria-label={`Rename ${s.title ?? "conversation"}`}
                  onClick={() => rename(s)}
                >
                  ✎
                </button>
                <button
                  type="button"
                  className="btn btn-icon btn-ghost"
                  aria-label={`Delete ${s.title ?? "conversation"}`}
                  onClick={() => setConfirmDelete(s)}
                >
                  🗑
                </button>
              </span>
            </li>
          ))}
        </ul>
        {totals && (
          <p className="usage muted small" data-testid="usage">
            This month: {(totals.prompt + totals.completion).toLocaleString()} tokens
            <br />({totals.prompt.toLocaleString()} in, {totals.completion.toLocaleString()} out)
          </p>
        )}
      </aside>
      <section className="chat" aria-label="Conversation">
        <div
          className="chat-log"
          role="log"
          aria-live="polite"
          aria-busy={!!streaming}
          onScroll={(e) => {
            const el = e.currentTarget;
            stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
          }}
        >
          {loadingMessages && <Loading />}
          <ErrorBanner error={messagesError} onRetry={() => sessionId && loadMessages(sessionId)} />
          {!loadingMessages && messages.length === 0 && (
            <div className="chat-empty">
              <h1>Ask about your business</h1>
              <p className="muted">
                The assistant reads your company's records: orders, parties, payments, aging. It cannot change anything.
              </p>
              <ul className="suggestions">
                {[
                  "Which purchase orders are still pending approval?",
                  "Who owes us the most, and how late is it?",
                  "Which loads are not matched to a sale yet?",
                ].map((q) => (
                  <li key={q}>
                    <button type="button" className="btn btn-ghost" onClick={() => setDraft(q)}>
                      {q}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {messages.map((m) => (
            <MessageView
              key={m.id}
              message={m}
              streaming={!!streaming && m === messages[messages.length - 1] && m.role === "assistant"}
              canRegenerate={!streaming && m === lastAssistant && !String(m.id).startsWith("local-")}
              onRegenerate={() => regenerate(m)}
            />
          ))}
          <div ref={endRef} />
        </div>
        {sendError && <ErrorBanner error={sendError} />}
        <form className="composer" onSubmit={ask}>
          <label htmlFor="chat-input" className="sr-only">
            Your question
          </label>
          <textarea
            id="chat-input"
            rows={2}
            placeholder="Ask a question… (Enter to send, Shift+Enter for a new line)"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
          />
          {streaming ? (
            <button type="button" className="btn btn-danger" onClick={stop}>
              ■ Stop
            </button>
          ) : (
            <button type="submit" className="btn btn-primary" disabled={!draft.trim()}>
              Send
            </button>
          )}
        </form>
      </section>
      <ConfirmDialog
        open={!!confirmDelete}
        title="Delete this conversation?"
        confirmLabel="Delete"
        danger
        onCancel={() => setConfirmDelete(null)}
        onConfirm={() => confirmDelete && remove(confirmDelete)}
      >
        <p>“{confirmDelete?.title || "New conversation"}” and its messages will be deleted.</p>
      </ConfirmDialog>
    </div>
  );
}

function MessageView({
  message,
  streaming,
  canRegenerate,
  onRegenerate,
}: {
  message: ChatMessage;
  streaming: boolean;
  canRegenerate: boolean;
  onRegenerate: () => void;
}) {
  const usage =
    message.usage ??
    (message.prompt_tokens !== undefined
      ? { prompt_tokens: message.prompt_tokens, completion_tokens: message.completion_tokens }
      : null);
  const problem =
    message.problem ??
    (message.status === "interrupted"
      ? { kind: "stopped", message: "This answer was interrupted; the part shown is what had arrived." }
      : message.status === "failed"
        ? {
            kind: "error",
            message: message.error_code
              ? describeProblem(502, { code: message.error_code })
              : "This answer failed before it was complete.",
          }
        : null);
  const tools = message.tools ?? message.tool_calls ?? [];
  return (
    <article
      className={`msg msg-${message.role}`}
      aria-label={message.role === "user" ? "You" : "Assistant"}
      data-status={message.status}
    >
      {tools.map((tool, i) => (
        <details key={i} className="tool-card">
          <summary>
            <span aria-hidden="true">⚙</span> Looked up <strong>{tool.name}</strong>
            {tool.result_summary ? ` — ${tool.result_summary}` : ""}
          </summary>
          <pre>{JSON.stringify(tool.arguments ?? {}, null, 2)}</pre>
        </details>
      ))}
      {message.role === "user" ? (
        <p className="msg-text">{message.content}</p>
      ) : message.content ? (
        <Markdown text={message.content} />
      ) : streaming ? (
        <p className="muted thinking">
          <Spinner label="Thinking" /> Thinking…
        </p>
      ) : null}
      {streaming && message.content && (
        <span className="cursor" aria-hidden="true">
          ▍
        </span>
      )}
      {problem && (
        <p className={`msg-problem msg-problem-${problem.kind}`} role={problem.kind === "stopped" ? "status" : "alert"}>
          {problem.message}
        </p>
      )}
      {message.role === "assistant" && !streaming && (
        <div className="msg-meta">
          {usage && (usage.prompt_tokens || usage.completion_tokens) ? (
            <span className="muted small">
              {usage.prompt_tokens ?? 0} + {usage.completion_tokens ?? 0} tokens
            </span>
          ) : null}
          {canRegenerate && (
            <button type="button" className="btn btn-small btn-ghost" onClick={onRegenerate}>
              ↻ Regenerate
            </button>
          )}
        </div>
      )}
    </article>
  );
}
