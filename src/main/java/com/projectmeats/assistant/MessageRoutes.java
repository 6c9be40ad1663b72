package com.projectmeats.assistant;

import static com.projectmeats.assistant.SessionRoutes.CHAT;
import static com.projectmeats.assistant.SessionRoutes.id;

import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Page;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Response;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /assistant/sessions/{id}/messages}: the conversation, asking (streamed or not), stopping,
 * regenerating.
 */
final class MessageRoutes {
  private static final String BASE = "/assistant/sessions/:id/messages";
  private final Chat chat;
  private final Messages messages;

  MessageRoutes(Chat chat, Messages messages) {
    this.chat = chat;
    this.messages = messages;
  }

  void mount(Api api, Guard guard) {
    api.get(
        BASE,
        CHAT,
        Operation.of(
                "listAssistantMessages", "assistant", "List the messages of an assistant session")
            .paged()
            .returns(Schema.pageOf(AssistantSchemas.MESSAGE)),
        guard.wrap(this::list));
    api.post(
        BASE,
        CHAT,
        Operation.of(
                "askAssistant",
                "assistant",
                "Ask the assistant (Accept: text/event-stream streams the answer)")
            .json(AssistantSchemas.QUESTION)
            .respond(
                Response.json(201, "The stored answer, once complete.", AssistantSchemas.MESSAGE)
                    .header("Location", "The answer's URL."))
            .streams(AssistantSchemas.ANSWER_EVENTS)
            .fails(409, 429, 502, 504),
        guard.wrap(ctx -> chat.ask(ctx, id(ctx, "id"))));
    api.get(
        BASE + "/:mid",
        CHAT,
        Operation.of("getAssistantMessage", "assistant", "Read one message of an assistant session")
            .returns(AssistantSchemas.MESSAGE),
        guard.wrap(
            ctx ->
                messages
                    .get(Principal.of(ctx), id(ctx, "id"), id(ctx, "mid"))
                    .map(m -> Reply.ok(m.json()))));
    api.post(
        BASE + "/:mid/stop",
        CHAT,
        Operation.of("stopAssistantAnswer", "assistant", "Stop an answer that is being written")
            .ignoresBody()
            .accepted(AssistantSchemas.STOPPING)
            .fails(409),
        guard.wrap(ctx -> chat.stop(ctx, id(ctx, "id"), id(ctx, "mid"))));
    api.post(
        BASE + "/:mid/regenerate",
        CHAT,
        Operation.of("regenerateAssistantAnswer", "assistant", "Answer the latest question again")
            .optionalJson(AssistantSchemas.RETRY)
            .respond(
                Response.json(
                        201, "The new stored answer, once complete.", AssistantSchemas.MESSAGE)
                    .header("Location", "The answer's URL."))
            .streams(AssistantSchemas.ANSWER_EVENTS)
            .fails(409, 429, 502, 504),
        guard.wrap(ctx -> chat.regenerate(ctx, id(ctx, "id"), id(ctx, "mid"))));
  }

  private Future<Reply> list(RoutingContext ctx) {
    Page page = Page.of(ctx, 100);
    return messages
        .list(Principal.of(ctx), id(ctx, "id"), page)
        .map(found -> Reply.ok(page.envelope(ctx, found.count(), found.results())));
  }
}
