package com.projectmeats.core.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a route is, for its callers: its SDK name, tag, summary, what it takes and what it answers.
 * Declared with the route ({@link Api#get} and friends) and read as it is by the OpenAPI document;
 * {@link Api} also installs the body handling the request body calls for.
 *
 * <pre>{@code
 * Operation.of("listMembers", "members", "Members of the selected company and their roles")
 *     .paged()
 *     .returns(Schema.pageOf(MEMBER))
 * }</pre>
 *
 * @param operationId the name a generated client gives the call: {@code listPurchaseOrders}, {@code
 *     approvePurchaseOrder}; unique in the API
 * @param tag the resource or area the route belongs to (one group of the interactive docs)
 * @param pathParams path parameters that are not positive integer ids (ids are the default)
 * @param problems the error statuses the route can answer besides those every route of its kind can
 */
public record Operation(
    String operationId,
    String tag,
    String summary,
    String description,
    RequestBody request,
    List<Response> responses,
    List<Parameter> query,
    Map<String, Schema> pathParams,
    Set<Integer> problems,
    boolean isDeprecated,
    boolean isIdempotent) {

  /** A query parameter: its name, type and meaning. */
  public record Parameter(String name, Schema schema, String description) {}

  public static Operation of(String operationId, String tag, String summary) {
    if (!operationId.matches("[a-z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException("An operationId is camelCase: " + operationId);
    }
    return new Operation(
        operationId,
        tag,
        summary,
        null,
        RequestBody.NONE,
        List.of(),
        List.of(),
        Map.of(),
        Set.of(),
        false,
        false);
  }

  // ---- the request ----------------------------------------------------------------------------

  /**
   * The body is a JSON object of this schema (415 for another media type, 400 when it is no
   * object).
   */
  public Operation json(Schema body) {
    return request(RequestBody.json(body));
  }

  /** The body may be left out; when sent, it is a JSON object of this schema. */
  public Operation optionalJson(Schema body) {
    return request(RequestBody.optionalJson(body));
  }

  /**
   * An action's: nothing is read from the body, and the document gives it none (a generated client
   * offers no parameter for it); one sent anyway must still be JSON, so a client's bug shows (400)
   * before the action goes ahead.
   */
  public Operation ignoresBody() {
    return request(RequestBody.IGNORED);
  }

  /** A multipart/form-data upload of at most {@code limitBytes} in all. */
  public Operation multipart(Schema form, long limitBytes) {
    return request(RequestBody.multipart(form, limitBytes));
  }

  public Operation query(String name, Schema schema, String meaning) {
    List<Parameter> all = new ArrayList<>(query);
    all.add(new Parameter(name, schema, meaning));
    return edit(d -> d.query = List.copyOf(all));
  }

  /** {@code page} and {@code page_size}, as every list takes them ({@link Page}). */
  public Operation paged() {
    return query(
            "page",
            Schema.of(new io.vertx.core.json.JsonObject().put("type", "integer").put("minimum", 1)),
            "Page number, from 1.")
        .query(
            "page_size",
            Schema.of(
                new io.vertx.core.json.JsonObject()
                    .put("type", "integer")
                    .put("minimum", 1)
                    .put("maximum", Page.MAX_SIZE)),
            "Records per page, at most " + Page.MAX_SIZE + ".");
  }

  /** A path parameter that is not a positive integer id (a token, a slug). */
  public Operation pathParam(String name, Schema schema) {
    Map<String, Schema> all = new LinkedHashMap<>(pathParams);
    all.put(name, schema);
    return edit(d -> d.pathParams = Map.copyOf(all));
  }

  // ---- the answers ----------------------------------------------------------------------------

  /** 200 with this JSON body. */
  public Operation returns(Schema body) {
    return respond(Response.json(200, "OK.", body));
  }

  /** 201 with this JSON body and a Location header. */
  public Operation created(Schema body) {
    return respond(
        Response.json(201, "Created.", body).header("Location", "The new record's URL."));
  }

  /** 202 with this JSON body: accepted, finished later. */
  public Operation accepted(Schema body) {
    return respond(Response.json(202, "Accepted; the work finishes in the background.", body));
  }

  /** 204, no body. */
  public Operation noContent() {
    return respond(new Response(204, "Done; nothing to return.", null, Map.of(), null));
  }

  /** Server-sent events ({@code text/event-stream}) with 200. */
  public Operation streams(EventStream events) {
    return respond(new Response(200, events.description(), null, Map.of(), events));
  }

  /** 200 with a body of one of these media types (a file, a PDF, a CSV). */
  public Operation binary(String description, String... mediaTypes) {
    return respond(Response.binary(200, description, mediaTypes));
  }

  public Operation respond(Response response) {
    if (responses.stream().anyMatch(r -> r.status() == response.status())) {
      throw new IllegalArgumentException(
          operationId + " declares status " + response.status() + " twice");
    }
    List<Response> all = new ArrayList<>(responses);
    all.add(response);
    return edit(d -> d.responses = List.copyOf(all));
  }

  /** Every successful answer carries an ETag (send it back as If-Match). */
  public Operation etag() {
    List<Response> all =
        responses.stream()
            .map(
                r ->
                    r.status() < 300 && r.status() != 204
                        ? r.header("ETag", "The version of the record; send it back as If-Match.")
                        : r)
            .toList();
    return edit(d -> d.responses = all);
  }

  /**
   * Error statuses this route can also answer (409 conflict, 410 gone, 412 stale, 429 throttled…).
   */
  public Operation fails(Integer... statuses) {
    Set<Integer> all = new TreeSet<>(problems);
    all.addAll(List.of(statuses));
    return edit(d -> d.problems = Set.copyOf(all));
  }

  /** A longer explanation than the summary (Markdown). */
  public Operation describe(String text) {
    return edit(d -> d.description = text);
  }

  /** Still answered, for clients that use it; new clients use the route the description names. */
  public Operation deprecated() {
    return edit(d -> d.isDeprecated = true);
  }

  /** A retried POST with the same {@code Idempotency-Key} header answers the first result. */
  public Operation idempotent() {
    return edit(d -> d.isIdempotent = true);
  }

  private Operation request(RequestBody body) {
    return edit(d -> d.request = body);
  }

  /**
   * A copy with some properties changed: the one place that lists them all, so a new property is
   * added here and in the record, not in every option above.
   */
  private Operation edit(java.util.function.Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new Operation(
        d.operationId,
        d.tag,
        d.summary,
        d.description,
        d.request,
        d.responses,
        d.query,
        d.pathParams,
        d.problems,
        d.isDeprecated,
        d.isIdempotent);
  }

  /** The properties of an {@link Operation} being changed. */
  private static final class Draft {
    String operationId;
    String tag;
    String summary;
    String description;
    RequestBody request;
    List<Response> responses;
    List<Parameter> query;
    Map<String, Schema> pathParams;
    Set<Integer> problems;
    boolean isDeprecated;
    boolean isIdempotent;

    Draft(Operation from) {
      operationId = from.operationId;
      tag = from.tag;
      summary = from.summary;
      description = from.description;
      request = from.request;
      responses = from.responses;
      query = from.query;
      pathParams = from.pathParams;
      problems = from.problems;
      isDeprecated = from.isDeprecated;
      isIdempotent = from.isIdempotent;
    }
  }
}
