package com.projectmeats.documents;

import com.projectmeats.testing.Http;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A multipart upload as a browser sends it: field "file" with a name and a claimed type, optional
 * "target".
 */
final class Upload {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Upload() {}

  static Http.Response send(
      String base, String token, String filename, String claimedType, byte[] bytes, String target) {
    String boundary = "----pm" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (target != null) {
      write(
          body,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"target\"\r\n\r\n"
              + target
              + "\r\n");
    }
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + filename
            + "\"\r\n"
            + "Content-Type: "
            + claimedType
            + "\r\n\r\n");
    body.writeBytes(bytes);
    write(body, "\r\n--" + boundary + "--\r\n");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/documents"))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    try {
      HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Http.Response(r.statusCode(), r.headers().map(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException("upload failed: " + e, e);
    }
  }

  static HttpResponse<byte[]> content(String base, String token, long id) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/documents/" + id + "/content"))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
