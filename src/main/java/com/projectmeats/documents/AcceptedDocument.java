package com.projectmeats.documents;

import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;

/**
 * What else happens when a document is accepted into a record: the file stays with the record it
 * became (the attachments feature, wired in {@code App}, copies it to the record's attachments).
 */
@FunctionalInterface
public interface AcceptedDocument {
  AcceptedDocument NOTHING = (caller, document, resource, recordId) -> Future.succeededFuture();

  Future<Void> accepted(Principal caller, long document, String resource, long recordId);
}
