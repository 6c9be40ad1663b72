package com.projectmeats.assistant;

import com.projectmeats.core.http.EventStream;
import com.projectmeats.core.http.Schema;

/** The bodies of the assistant's routes, and the events of its streamed answers. */
final class AssistantSchemas {
  private AssistantSchemas() {}

  static final Schema.Named SESSION =
      Schema.named(
          "AssistantSession",
          Schema.object()
              .required("id", Schema.id())
              .required("title", Schema.string())
              .required("archived", Schema.bool())
              .required("created_on", Schema.dateTime())
              .required("modified_on", Schema.dateTime()));

  static final Schema.Named NEW_SESSION =
      Schema.named(
          "AssistantSessionRequest",
          Schema.object().optional("title", Schema.nullable(Schema.string(Sessions.MAX_TITLE))));

  static final Schema.Named SESSION_CHANGE =
      Schema.named(
          "AssistantSessionPatch",
          Schema.object()
              .optional(
                  "title",
                  Schema.nullable(Schema.string(Sessions.MAX_TITLE))
                      .describe("A new title; not blank."))
              .optional("archived", Schema.nullable(Schema.bool()))
              .open()
              .describe("What to change; other properties are ignored."));

  static final Schema.Named TOOL_CALL =
      Schema.named(
          "AssistantToolCall",
          Schema.object()
              .required("name", Schema.string())
              .required("arguments", Schema.anyObject())
              .required("result_summary", Schema.string())
              .open());

  static final Schema.Named USAGE =
      Schema.named(
          "TokenUsage",
          Schema.object()
              .required("prompt_tokens", Schema.integer())
              .required("completion_tokens", Schema.integer()));

  static final Schema.Named MESSAGE =
      Schema.named(
          "AssistantMessage",
          Schema.object()
              .required("id", Schema.id())
              .required("session", Schema.id())
              .required("role", Schema.oneOf("user", "assistant"))
              .required("content", Schema.string())
              .required("model", Schema.nullable(Schema.string()))
              .required(
                  "status",
                  Schema.string()
                      .describe("complete; streaming while it is written; interrupted or failed."))
              .required("finish_reason", Schema.nullable(Schema.string()))
              .required("usage", USAGE)
              .required("error_code", Schema.nullable(Schema.string()))
              .required("tool_calls", Schema.arrayOf(TOOL_CALL))
              .required("created_on", Schema.dateTime())
              .required("modified_on", Schema.dateTime()));

  static final Schema.Named QUESTION =
      Schema.named(
          "AssistantQuestion",
          Schema.object()
              .required("content", Schema.string().describe("The question."))
              .optional(
                  "model",
                  Schema.nullable(Schema.string())
                      .describe("One of the models the installation allows (OPENAI_MODELS)."))
              .open());

  static final Schema.Named RETRY =
      Schema.named(
          "AssistantRegenerateRequest",
          Schema.object()
              .optional(
                  "model",
                  Schema.nullable(Schema.string())
                      .describe("Another allowed model; by default the earlier answer's."))
              .open());

  static final Schema.Named STOPPING =
      Schema.named(
          "AssistantStop",
          Schema.object().required("id", Schema.id()).required("status", Schema.oneOf("stopping")));

  static final Schema.Named MONTHLY_USAGE =
      Schema.named(
          "AssistantUsage",
          Schema.object()
              .required(
                  "results",
                  Schema.arrayOf(
                      Schema.object()
                          .required("month", Schema.string().with("pattern", "^\\d{4}-\\d{2}$"))
                          .required("prompt_tokens", Schema.integer())
                          .required("completion_tokens", Schema.integer())
                          .required("total_tokens", Schema.integer())
                          .required("messages", Schema.integer())
                          .required(
                              "by_model",
                              Schema.arrayOf(
                                  Schema.object()
                                      .required("model", Schema.nullable(Schema.string()))
                                      .required("messages", Schema.integer())
                                      .required("prompt_tokens", Schema.integer())
                                      .required("completion_tokens", Schema.integer()))))));

  /** With {@code Accept: text/event-stream} an answer streams as these events. */
  static final EventStream ANSWER_EVENTS =
      EventStream.of(
              "The answer as server-sent events (with Accept: text/event-stream):"
                  + " `message` (the stored ids) first, then `delta` (text) and `tool` events, and last `done` (finish reason, usage)"
                  + " or `error` (code, message); `: keep-alive` comments while the model is silent. The deltas concatenated equal"
                  + " the stored answer. A client that disconnects stops the answer.")
          .event(
              "message",
              Schema.named(
                  "AnswerStarted",
                  Schema.object()
                      .required("user_message_id", Schema.string().with("pattern", "^[0-9]+$"))
                      .required("assistant_message_id", Schema.string().with("pattern", "^[0-9]+$"))
                      .describe("Ids as decimal strings.")))
          .event(
              "delta",
              Schema.named("AnswerDelta", Schema.object().required("content", Schema.string())))
          .event("tool", TOOL_CALL)
          .event(
              "done",
              Schema.named(
                  "AnswerDone",
                  Schema.object()
                      .required("finish_reason", Schema.nullable(Schema.string()))
                      .required("usage", USAGE)))
          .event(
              "error",
              Schema.named(
                  "AnswerError",
                  Schema.object()
                      .required("code", Schema.string())
                      .required("message", Schema.string())));
}
