package com.projectmeats.documents;

import com.projectmeats.core.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The rules every uploaded file obeys, wherever it is uploaded (a document to read, a file attached
 * to a record): one file in the field {@code file}, at most {@link #MAX_BYTES}, its type decided by
 * its bytes ({@link FileType}), its name reduced to a safe base name.
 */
public final class Uploads {
  /** The largest file accepted. */
  public static final long MAX_BYTES = 10L * 1024 * 1024;

  /**
   * The multipart envelope (boundaries, headers, the other fields) around a file of the maximum
   * size: the body limit a route declares is {@code MAX_BYTES + ENVELOPE}.
   */
  public static final long ENVELOPE = 64 * 1024;

  private Uploads() {}

  /** A file read and checked: its safe name, its detected type, its bytes and their SHA-256. */
  public record Checked(String filename, FileType type, byte[] bytes, String sha256) {}

  /** The one file of the field "file": 422 when there is none or several, 413 when too large. */
  public static FileUpload single(RoutingContext ctx) {
    List<FileUpload> files =
        ctx.fileUploads().stream().filter(f -> f.name().equals("file")).toList();
    if (files.size() != 1) {
      throw ApiException.validation(
          "file", "Send exactly one file in the multipart field \"file\".");
    }
    FileUpload file = files.get(0);
    if (file.size() > MAX_BYTES) {
      throw tooLarge();
    }
    return file;
  }

  public static ApiException tooLarge() {
    return new ApiException(
        413,
        "payload_too_large",
        "Payload too large",
        "A file may be at most 10 MB.",
        Map.of("file", List.of("A file may be at most 10 MB.")),
        null);
  }

  /**
   * Reads the uploaded file and decides its type from its bytes, off the event loop: 415 naming the
   * field {@code file} when the bytes are none of the accepted types.
   */
  public static Future<Checked> read(Vertx vertx, FileUpload file) {
    String filename = filename(file.fileName());
    return vertx
        .fileSystem()
        .readFile(file.uploadedFileName())
        .compose(
            buffer ->
                vertx.executeBlocking(
                    () -> {
                      byte[] bytes = buffer.getBytes();
                      if (bytes.length > MAX_BYTES) {
                        throw tooLarge();
                      }
                      FileType type =
                          FileType.detect(bytes, filename).orElseThrow(Uploads::unsupported);
                      return new Checked(filename, type, bytes, sha256(bytes));
                    },
                    false));
  }

  static ApiException unsupported() {
    String why =
        "Only PDF, PNG, JPEG, CSV and plain text (UTF-8) files can be read; this file's content is none of them.";
    return new ApiException(
        415,
        "unsupported_media_type",
        "Unsupported media type",
        why,
        Map.of("file", List.of(why)),
        null);
  }

  /** The base name only, without control characters, at most 255 characters. */
  public static String filename(String raw) {
    String name = raw == null ? "" : raw.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
    if (name.isEmpty()) {
      name = "upload";
    }
    return name.length() > 255 ? name.substring(name.length() - 255) : name;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
