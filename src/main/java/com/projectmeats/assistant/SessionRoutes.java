package com.projectmeats.assistant;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Page;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /assistant/sessions}: a user's own conversations in the selected company. */
final class SessionRoutes {
  static final Access CHAT = Access.member(Role.READONLY);
  private final Sessions sessions;

  /**
   * Stops an answer still streaming in a deleted session; null when the assistant is not
   * configured.
   */
  private final StopSignals stops;

  SessionRoutes(Sessions sessions, StopSignals stops) {
    this.sessions = sessions;
    this.stops = stops;
  }

  void mount(Api api, Guard guard) {
    api.get(
        "/assistant/sessions",
        CHAT,
        Operation.of(
                "listAssistantSessions",
                "assistant",
                "List your assistant sessions (archived=true for the archive)")
            .paged()
            .query(
                "archived", Schema.bool(), "true for the archived sessions; by default the others.")
            .returns(Schema.pageOf(AssistantSchemas.SESSION)),
        guard.wrap(this::list));
    api.post(
        "/assistant/sessions",
        CHAT,
        Operation.of("createAssistantSession", "assistant", "Start an assistant session")
            .optionalJson(AssistantSchemas.NEW_SESSION)
            .created(AssistantSchemas.SESSION)
            .etag(),
        guard.wrap(this::create));
    api.get(
        "/assistant/sessions/:id",
        CHAT,
        Operation.of("getAssistantSession", "assistant", "Read an assistant session")
            .returns(AssistantSchemas.SESSION)
            .etag(),
        guard.wrap(this::get));
    api.patch(
        "/assistant/sessions/:id",
        CHAT,
        Operation.of(
                "updateAssistantSession", "assistant", "Rename or archive an assistant session")
            .json(AssistantSchemas.SESSION_CHANGE)
            .returns(AssistantSchemas.SESSION)
            .etag()
            .fails(412),
        guard.wrap(this::update));
    api.delete(
        "/assistant/sessions/:id",
        CHAT,
        Operation.of(
                "deleteAssistantSession",
                "assistant",
                "Delete an assistant session and its messages")
            .noContent()
            .fails(412),
        guard.wrap(this::delete));
  }

  private Future<Reply> list(RoutingContext ctx) {
    String archived = ctx.queryParams().get("archived");
    if (archived != null && !archived.equals("true") && !archived.equals("false")) {
      throw ApiException.badRequest("archived", "archived must be true or false.");
    }
    Page page = Page.of(ctx, 50);
    return sessions
        .list(Principal.of(ctx), "true".equals(archived), page)
        .map(found -> Reply.ok(page.envelope(ctx, found.count(), found.results())));
  }

  private Future<Reply> create(RoutingContext ctx) {
    JsonObject body = Json.optionalBody(ctx);
    String title = title(body, false);
    return sessions
        .create(Principal.of(ctx), title == null ? "" : title)
        .map(
            s ->
                Reply.created(s.json(), Api.PREFIX + "/assistant/sessions/" + s.id())
                    .withEtag(s.etag()));
  }

  private Future<Reply> get(RoutingContext ctx) {
    return sessions
        .get(Principal.of(ctx), id(ctx, "id"))
        .map(s -> Reply.ok(s.json()).withEtag(s.etag()));
  }

  private Future<Reply> update(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    String title = title(body, true);
    Object archived = body.getValue("archived");
    if (archived != null && !(archived instanceof Boolean)) {
      throw ApiException.validation("archived", "must be true or false");
    }
    Principal caller = Principal.of(ctx);
    long id = id(ctx, "id");
    return ifMatch(ctx, caller, id)
        .compose(v -> sessions.update(caller, id, title, (Boolean) archived))
        .map(s -> Reply.ok(s.json()).withEtag(s.etag()));
  }

  private Future<Reply> delete(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    long id = id(ctx, "id");
    return ifMatch(ctx, caller, id)
        .compose(v -> sessions.delete(caller, id))
        .map(
            streaming -> {
              if (stops != null) {
                streaming.forEach(stops::signal);
              }
              return Reply.noContent();
            });
  }

  /** {@code If-Match} must name the session's current ETag, when it is sent. */
  private Future<Void> ifMatch(RoutingContext ctx, Principal caller, long id) {
    String expected = ctx.request().getHeader(HttpHeaders.IF_MATCH);
    return sessions
        .get(caller, id)
        .map(
            s -> {
              if (expected != null
                  && !expected.trim().equals("*")
                  && !expected.trim().equals(s.etag())) {
                throw new ApiException(
                    412,
                    "precondition_failed",
                    "Precondition failed",
                    "The session changed since you read it; read it again.");
              }
              return null;
            });
  }

  private static String title(JsonObject body, boolean patch) {
    Object title = body.getValue("title");
    if (title == null) {
      return null;
    }
    Map<String, List<String>> errors = new LinkedHashMap<>();
    if (!(title instanceof String text)) {
      errors.put("title", List.of("must be a string"));
    } else if (text.strip().length() > Sessions.MAX_TITLE) {
      errors.put("title", List.of("must have at most " + Sessions.MAX_TITLE + " characters"));
    } else if (patch && text.isBlank()) {
      errors.put("title", List.of("must not be empty"));
    } else {
      return text.strip();
    }
    throw ApiException.validation(errors);
  }

  /** A path id; anything that is not one cannot name a record, so it is not found. */
  static long id(RoutingContext ctx, String name) {
    try {
      long id = Long.parseLong(ctx.pathParam(name));
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiException.notFound("No such " + (name.equals("id") ? "session" : "message") + ".");
  }
}
