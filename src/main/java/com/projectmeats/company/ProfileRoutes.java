package com.projectmeats.company;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Json;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Consumer;

/**
 * The company profile (letterhead): every member reads it, owners and admins change it and its
 * logo.
 */
public final class ProfileRoutes implements Consumer<Api> {
  /** The multipart envelope (boundary, part headers) around a logo of the largest size. */
  private static final long ENVELOPE = 16 * 1024;

  private final Vertx vertx;
  private final ProfileStore store;

  public ProfileRoutes(Vertx vertx, ProfileStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  @Override
  public void accept(Api api) {
    Access read = Access.member(Role.READONLY);
    Access edit = Access.member(Role.ADMIN);
    api.get(
        "/company/profile",
        read,
        Operation.of(
                "getCompanyProfile",
                "company",
                "The company's letterhead: legal name, address, phone, e-mail, remit-to, logo")
            .returns(ProfileSchemas.PROFILE),
        ctx -> store.read(Principal.of(ctx).company()).map(Reply::ok));
    api.patch(
        "/company/profile",
        edit,
        Operation.of(
                "updateCompanyProfile",
                "company",
                "Change fields of the company's letterhead (owners and admins)")
            .json(ProfileSchemas.PATCH)
            .returns(ProfileSchemas.PROFILE),
        ctx -> {
          Principal caller = Principal.of(ctx);
          return store
              .update(caller.company(), caller.userId(), ProfileFields.read(Json.body(ctx)))
              .map(Reply::ok);
        });
    api.post(
        "/company/profile/logo",
        edit,
        Operation.of(
                "uploadCompanyLogo",
                "company",
                "Upload the company's logo (PNG or JPEG, at most 1 MB; replaces the old one)")
            .multipart(ProfileSchemas.LOGO_UPLOAD, LogoImage.MAX_BYTES + ENVELOPE)
            .returns(ProfileSchemas.PROFILE),
        this::upload);
    api.get(
        "/company/profile/logo",
        read,
        Operation.of("getCompanyLogo", "company", "The company's logo image")
            .binary("The logo as uploaded.", "image/png", "image/jpeg"),
        this::logo);
    api.delete(
        "/company/profile/logo",
        edit,
        Operation.of("deleteCompanyLogo", "company", "Remove the company's logo").noContent(),
        ctx -> {
          Principal caller = Principal.of(ctx);
          return store
              .deleteLogo(caller.company(), caller.userId())
              .map(
                  removed -> {
                    if (!removed) {
                      throw ApiException.notFound("This company has no logo.");
                    }
                    return Reply.noContent();
                  });
        });
  }

  private Future<Reply> upload(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    List<FileUpload> files =
        ctx.fileUploads().stream().filter(f -> f.name().equals("file")).toList();
    if (files.size() != 1) {
      throw ApiException.validation(
          "file", "Send exactly one image in the multipart field \"file\".");
    }
    FileUpload file = files.get(0);
    if (file.size() > LogoImage.MAX_BYTES) {
      throw new ApiException(
          413, "payload_too_large", "Payload too large", "A logo may be at most 1 MB.");
    }
    return vertx
        .fileSystem()
        .readFile(file.uploadedFileName())
        .compose(
            buffer -> {
              byte[] bytes = buffer.getBytes();
              return vertx
                  .executeBlocking(() -> LogoImage.check(bytes), false)
                  .compose(type -> store.putLogo(caller.company(), caller.userId(), type, bytes));
            })
        .map(Reply::ok);
  }

  private Future<Reply> logo(RoutingContext ctx) {
    return store
        .logo(Principal.of(ctx).company())
        .map(
            found -> {
              if (found.isEmpty()) {
                throw ApiException.notFound("This company has no logo.");
              }
              return Reply.file(Buffer.buffer(found.get().bytes()), found.get().type())
                  .withHeader("X-Content-Type-Options", "nosniff")
                  .withHeader("Cache-Control", "private, no-cache");
            });
  }
}
