package com.projectmeats.assistant;

import static com.projectmeats.assistant.SessionRoutes.CHAT;
import static com.projectmeats.assistant.SessionRoutes.id;

import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Page;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** {@code /assistant/sessions/{id}/messages}: the conversation, asking (streamed or not), stopping, regenerating. */
final class MessageRoutes {
  private static final String BASE = "/assistant/sessions/:id/messages";
  private final Chat chat;
  private final Messages messages;

  MessageRoutes(Chat chat, Messages messages) {
    this.chat = chat;
    this.messages = messages;
  }

  void mount(Api api, Guard guard) {
    api.get(BASE, CHAT, "List the messages of an assistant session", guard.wrap(this::list));
    api.post(BASE, CHAT, "Ask the assistant (Accept: text/event-stream streams the answer)",
        guard.wrap(ctx -> chat.ask(ctx, id(ctx, "id")))).streamsEvents();
    api.get(BASE + "/:mid", CHAT, "Read one message of an assistant session",
        guard.wrap(ctx -> messages.get(Principal.of(ctx), id(ctx, "id"), id(ctx, "mid")).map(m -> Reply.ok(m.json()))));
    api.action(BASE + "/:mid/stop", CHAT, "Stop an answer that is being written",
        guard.wrap(ctx -> chat.stop(ctx, id(ctx, "id"), id(ctx, "mid"))));
    api.action(BASE + "/:mid/regenerate", CHAT, "Answer the latest question again",
        guard.wrap(ctx -> chat.regenerate(ctx, id(ctx, "id"), id(ctx, "mid")))).streamsEvents();
  }

  private Future<Reply> list(RoutingContext ctx) {
    Page page = Page.of(ctx, 100);
    return messages.list(Principal.of(ctx), id(ctx, "id"), page)
        .map(found -> Reply.ok(page.envelope(ctx, found.count(), found.results())));
  }
}
