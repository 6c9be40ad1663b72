package com.projectmeats.company;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.documents.FileType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A logo upload judged by its bytes: PNG or JPEG by their signatures (whatever the name or
 * Content-Type said), at most {@link #MAX_BYTES}, and an image that really decodes, no larger than
 * {@link #MAX_SIDE} pixels a side (read from the header before any pixel is, so a small file that
 * claims a huge picture is refused without allocating it). Blocking: call from a worker.
 */
final class LogoImage {
  static final int MAX_BYTES = 1024 * 1024;
  static final int MAX_SIDE = 4000;

  private LogoImage() {}

  /** The logo's media type, or an ApiException naming the field "file". */
  static String check(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new ApiException(
          413, "payload_too_large", "Payload too large", "A logo may be at most 1 MB.");
    }
    FileType type =
        FileType.detect(bytes, null)
            .filter(FileType::image)
            .orElseThrow(
                () ->
                    new ApiException(
                        415,
                        "unsupported_media_type",
                        "Unsupported media type",
                        "A logo must be a PNG or JPEG image; this file's content is neither."));
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw unreadable();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        if (reader.getWidth(0) > MAX_SIDE || reader.getHeight(0) > MAX_SIDE) {
          throw ApiException.validation(
              "file", "A logo may be at most " + MAX_SIDE + " × " + MAX_SIDE + " pixels.");
        }
        BufferedImage image = reader.read(0);
        if (image == null) {
          throw unreadable();
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException api) {
        throw api;
      }
      throw unreadable();
    }
    return type.mediaType();
  }

  private static ApiException unreadable() {
    return ApiException.validation(
        "file", "The image could not be read: the file is damaged or cut short.");
  }
}
