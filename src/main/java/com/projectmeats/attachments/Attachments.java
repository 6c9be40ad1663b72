package com.projectmeats.attachments;

import com.projectmeats.core.crud.ResourceService;
import com.projectmeats.core.db.Database;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.security.Principal;
import com.projectmeats.documents.AcceptedDocument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * Files on records: bills of lading, proofs of delivery, certificates, claim photos. Every resource
 * whose declaration says {@code attachments()} gets the routes; a document accepted into such a
 * record stays attached to it ({@link #accepted}).
 */
public final class Attachments implements Consumer<Api>, AcceptedDocument {
  private final ResourceService records;
  private final AttachmentStore store;
  private final AttachmentRoutes routes;

  public Attachments(Vertx vertx, Database database, ResourceService records) {
    this.records = records;
    this.store = new AttachmentStore(database, records);
    this.routes = new AttachmentRoutes(vertx, store);
  }

  @Override
  public void accept(Api api) {
    records.catalog().all().stream()
        .filter(r -> r.attachments())
        .forEach(r -> routes.mount(api, r));
  }

  @Override
  public Future<Void> accepted(Principal caller, long document, String resource, long recordId) {
    return records
        .catalog()
        .find(resource)
        .map(r -> store.fromDocument(caller, document, r, recordId))
        .orElse(Future.succeededFuture());
  }
}
