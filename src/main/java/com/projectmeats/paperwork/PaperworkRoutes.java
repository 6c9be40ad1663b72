package com.projectmeats.paperwork;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * {@code GET /<resource>/{id}/pdf} for each resource with paperwork: anyone who may read the record
 * may download it.
 */
public final class PaperworkRoutes implements Consumer<Api> {
  private final Paperwork paperwork;

  public PaperworkRoutes(Paperwork paperwork) {
    this.paperwork = paperwork;
  }

  @Override
  public void accept(Api api) {
    for (String resource : Paperwork.RESOURCES.stream().sorted().toList()) {
      String singular = resource.replace('-', ' ').replaceAll("s$", "");
      api.get(
          "/" + resource + "/:id/pdf",
          Access.member(Role.READONLY),
          Operation.of(
                  "get" + pascal(singular) + "Pdf",
                  resource,
                  "The " + singular + " as a PDF under the company's letterhead")
              .binary("The PDF, as an attachment.", "application/pdf"),
          ctx ->
              paperwork
                  .render(Principal.of(ctx), resource, id(ctx, resource))
                  .map(
                      doc ->
                          Reply.file(doc.pdf(), "application/pdf")
                              .withHeader(
                                  "Content-Disposition",
                                  "attachment; filename=\"" + doc.filename() + "\"")
                              .withHeader("Cache-Control", "private, no-store")
                              .withHeader("X-Content-Type-Options", "nosniff")));
    }
  }

  /** "purchase order" → "PurchaseOrder". */
  private static String pascal(String words) {
    StringBuilder out = new StringBuilder();
    for (String word : words.split(" ")) {
      out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return out.toString();
  }

  private static long id(RoutingContext ctx, String resource) {
    String raw = ctx.pathParam("id");
    if (raw == null || !raw.matches("\\d{1,18}")) {
      throw ApiException.notFound(
          "No " + resource.replace('-', ' ').replaceAll("s$", "") + " with id " + raw + ".");
    }
    return Long.parseLong(raw);
  }
}
