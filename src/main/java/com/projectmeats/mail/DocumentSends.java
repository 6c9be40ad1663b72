package com.projectmeats.mail;

import com.projectmeats.core.crud.Idempotency;
import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.ResourceService;
import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Page;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Response;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import com.projectmeats.paperwork.Paperwork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code POST /<resource>/{id}/email}: the record's PDF e-mailed to its counterpart (or to whom the
 * sender names), through the outbox; and {@code GET /<resource>/{id}/emails}: what became of each.
 * The PDF is drawn when the send is asked for, so the attachment is the record as it was then. (Not
 * {@code …/send}: on invoices that is the status action that marks one sent, with its own role.)
 */
public final class DocumentSends implements Consumer<Api> {
  private final Mail mail;
  private final Database db;
  private final ResourceService records;
  private final Paperwork paperwork;
  private final Idempotency idempotency = new Idempotency();

  public DocumentSends(Mail mail, Database db, ResourceService records, Paperwork paperwork) {
    this.mail = mail;
    this.db = db;
    this.records = records;
    this.paperwork = paperwork;
  }

  @Override
  public void accept(Api api) {
    for (String name : Paperwork.RESOURCES.stream().sorted().toList()) {
      if (!Counterparts.covers(name)) {
        continue;
      }
      Resource resource = records.catalog().get(name);
      String singular = resource.singular().toLowerCase();
      // Sending a document speaks for the company to a supplier, customer or carrier, as changing
      // the record does: so it takes the role that may edit the record, not merely read it.
      String pascal = pascal(singular);
      api.post(
          "/" + name + "/:id/email",
          Access.member(resource.writeRole()),
          Operation.of(
                  "email" + pascal,
                  name,
                  "E-mail the "
                      + singular
                      + " as a PDF to its counterpart (or to given addresses); queued, answers 202")
              .optionalJson(MailSchemas.REQUEST)
              .accepted(MailSchemas.EMAIL)
              .respond(
                  Response.json(
                      200,
                      "The send an earlier request with this Idempotency-Key queued.",
                      MailSchemas.EMAIL))
              .idempotent()
              .fails(503),
          ctx -> send(ctx, resource));
      api.get(
          "/" + name + "/:id/emails",
          Access.member(Role.READONLY),
          Operation.of(
                  "list" + pascal + "Emails",
                  name,
                  "The e-mails sent of a " + singular + ", newest first, with their status")
              .paged()
              .returns(Schema.pageOf(MailSchemas.EMAIL)),
          ctx -> sends(ctx, resource));
    }
  }

  /** One request to send a record: who asks, for which record, and its Idempotency-Key. */
  private record Ask(
      Principal caller,
      Resource resource,
      long id,
      SendRequest request,
      String scope,
      String key,
      String fingerprint) {}

  private Future<Reply> send(RoutingContext ctx, Resource resource) {
    Principal caller = Principal.of(ctx);
    long id = id(ctx, resource);
    JsonObject body = Json.optionalBody(ctx);
    Ask ask =
        new Ask(
            caller,
            resource,
            id,
            SendRequest.read(body),
            resource.name() + "/email",
            ctx.request().getHeader("Idempotency-Key"),
            id + ":" + body.encode());
    // The client's mistakes (a bad body, another company's record) are named first; a request that
    // is right in itself hears only then that this service sends no mail.
    return records
        .read(caller, resource, id)
        .map(
            record -> {
              mail.requireConfigured();
              return record;
            })
        .compose(
            record ->
                idempotency
                    .replay(db.sql(), caller, ask.scope(), ask.key(), ask.fingerprint())
                    .compose(
                        replayed ->
                            replayed.isPresent()
                                ? message(caller, replayed.get()).map(Reply::ok)
                                : letter(ask, record.body())
                                    .compose(letter -> queue(ask, letter))
                                    .map(Reply::accepted)));
  }

  /**
   * The letter: to the counterpart (or whom the sender names), the record's PDF as it is now, from
   * the company's legal name. Recipients come first so a missing address is named before any PDF is
   * drawn.
   */
  private Future<Letter> letter(Ask ask, JsonObject record) {
    Principal caller = ask.caller();
    String label =
        ask.resource().singular() + " " + record.getValue(ask.resource().displayField(), ask.id());
    return recipients(ask)
        .compose(
            to ->
                paperwork
                    .render(caller, ask.resource().name(), ask.id())
                    .compose(
                        pdf ->
                            companyName(caller)
                                .map(
                                    company ->
                                        new Letter(
                                            Letter.Kind.DOCUMENT,
                                            caller.company(),
                                            caller.userId(),
                                            ask.resource().name(),
                                            ask.id(),
                                            to,
                                            ask.request().cc(),
                                            label + " from " + company,
                                            text(ask.request(), label, company),
                                            new Letter.Attachment(
                                                pdf.filename(),
                                                "application/pdf",
                                                pdf.pdf().getBytes())))));
  }

  /**
   * The outbox row, the history row, the activity note and the Idempotency-Key: all together or
   * none.
   */
  private Future<JsonObject> queue(Ask ask, Letter letter) {
    Principal caller = ask.caller();
    return db.inTransaction(
            sql ->
                mail.queue(sql, letter)
                    .compose(
                        messageId ->
                            RecordNotes.queued(
                                    sql,
                                    caller.company(),
                                    caller.userId(),
                                    ask.resource().name(),
                                    ask.id(),
                                    letter,
                                    messageId)
                                .compose(
                                    v ->
                                        idempotency.remember(
                                            sql,
                                            caller,
                                            ask.scope(),
                                            ask.key(),
                                            ask.fingerprint(),
                                            messageId))
                                .compose(v -> message(sql, caller, messageId))))
        .onSuccess(queued -> mail.wake())
        // Two retries with one key at once: the loser answers what the winner queued.
        .recover(
            failure ->
                failure instanceof Idempotency.KeyTaken
                    ? idempotency
                        .replay(db.sql(), caller, ask.scope(), ask.key(), ask.fingerprint())
                        .compose(found -> message(caller, found.orElseThrow()))
                    : Future.failedFuture(failure));
  }

  private Future<List<String>> recipients(Ask ask) {
    if (!ask.request().to().isEmpty()) {
      return Future.succeededFuture(ask.request().to());
    }
    String resource = ask.resource().name();
    return Counterparts.address(db.sql(), resource, ask.caller().company(), ask.id())
        .map(
            found ->
                List.of(
                    found.orElseThrow(
                        () ->
                            ApiException.validation(
                                Map.of(
                                    "to",
                                    List.of(
                                        "no e-mail address is on file for "
                                            + Counterparts.who(resource)
                                            + "; give one"))))));
  }

  private Future<String> companyName(Principal caller) {
    return db.sql()
        .one(
            """
            SELECT coalesce(nullif(trim(p.legal_name), ''), c.name) FROM companies c
              LEFT JOIN company_profiles p ON p.company_id = c.id WHERE c.id = $1""",
            caller.company())
        .map(row -> row.orElseThrow().getString(0));
  }

  private static String text(SendRequest request, String label, String company) {
    String intro =
        request.message() != null
            ? request.message()
            : "Please find attached " + label.toLowerCase() + ".";
    return intro + "\n\n" + company + "\n";
  }

  private Future<Reply> sends(RoutingContext ctx, Resource resource) {
    Principal caller = Principal.of(ctx);
    long id = id(ctx, resource);
    for (String name : ctx.queryParams().names()) {
      if (!name.equals("page") && !name.equals("page_size")) {
        throw ApiException.badRequest(
            name, "'" + name + "' is not a parameter of this list; it takes page and page_size.");
      }
    }
    Page page = Page.of(ctx, 20);
    return records
        .read(caller, resource, id)
        .compose(found -> mail.outbox().forRecord(caller.company(), resource.name(), id, page))
        .map(found -> Reply.ok(page.envelope(ctx, found.count(), found.results())));
  }

  private static String pascal(String words) {
    StringBuilder out = new StringBuilder();
    for (String word : words.split("[ -]+")) {
      out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return out.toString();
  }

  private Future<JsonObject> message(Principal caller, long messageId) {
    return message(db.sql(), caller, messageId);
  }

  private Future<JsonObject> message(Sql sql, Principal caller, long messageId) {
    return mail.outbox()
        .one(sql, caller.company(), messageId)
        .map(
            found ->
                found.orElseThrow(
                    () -> ApiException.notFound("No e-mail " + messageId + " in this company.")));
  }

  private static long id(RoutingContext ctx, Resource resource) {
    String raw = ctx.pathParam("id");
    if (raw == null || !raw.matches("\\d{1,18}")) {
      throw ApiException.notFound(
          "No " + resource.singular().toLowerCase() + " with id " + raw + ".");
    }
    return Long.parseLong(raw);
  }
}
