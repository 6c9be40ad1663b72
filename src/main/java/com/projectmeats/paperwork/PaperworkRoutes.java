package com.projectmeats.paperwork;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/** {@code GET /<resource>/{id}/pdf} for each resource with paperwork: anyone who may read the record may download it. */
public final class PaperworkRoutes implements Consumer<Api> {
  private final Paperwork paperwork;

  public PaperworkRoutes(Paperwork paperwork) {
    this.paperwork = paperwork;
  }

  @Override
  public void accept(Api api) {
    for (String resource : Paperwork.RESOURCES.stream().sorted().toList()) {
      api.get("/" + resource + "/:id/pdf", Access.member(Role.READONLY),
          "The " + resource.replace('-', ' ').replaceAll("s$", "") + " as a PDF under the company's letterhead", ctx -> {
            paperwork.render(Principal.of(ctx), resource, id(ctx, resource))
                .onSuccess(doc -> ctx.response()
                    .putHeader("Content-Type", "application/pdf")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + doc.filename() + "\"")
                    .putHeader("Cache-Control", "private, no-store")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .end(doc.pdf()))
                .onFailure(ctx::fail);
            return null;
          });
    }
  }

  private static long id(RoutingContext ctx, String resource) {
    String raw = ctx.pathParam("id");
    if (raw == null || !raw.matches("\\d{1,18}")) {
      throw ApiException.notFound("No " + resource.replace('-', ' ').replaceAll("s$", "") + " with id " + raw + ".");
    }
    return Long.parseLong(raw);
  }
}
