package com.projectmeats.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A folder this build packs beside its classes (the web app; the API reference reads the class path
 * instead, see docs/DocsRoutes), at an absolute path on disk. Files are served by absolute path
 * because Vert.x resolves a relative name against the working directory before the class path:
 * started from a checkout's root, whose webroot/ holds the React sources, the service would serve
 * those instead of the built app. From the jar the folder is unpacked once per process into a
 * private temporary directory, removed at exit; from a class-path directory (tests, an IDE) it is
 * used where it is.
 */
public final class PackagedFolder {
  private static final Map<String, Optional<Path>> LOCATED = new HashMap<>();

  private PackagedFolder() {}

  /**
   * The folder, or empty when this build lacks it. Blocking on the first call for a folder: call it
   * at start-up.
   */
  public static synchronized Optional<Path> locate(String folder) {
    return LOCATED.computeIfAbsent(folder, PackagedFolder::find);
  }

  /** The folder, which this build must have. */
  public static Path require(String folder) {
    return locate(folder)
        .orElseThrow(
            () -> new IllegalStateException("this build lacks its " + folder + "/ folder"));
  }

  private static Optional<Path> find(String folder) {
    Path origin = origin();
    if (Files.isDirectory(origin)) {
      Path inside = origin.resolve(folder);
      return Files.isDirectory(inside)
          ? Optional.of(inside.toAbsolutePath().normalize())
          : Optional.empty();
    }
    try {
      return unpack(origin, folder);
    } catch (IOException e) {
      throw new UncheckedIOException("could not unpack " + folder + "/ from " + origin, e);
    }
  }

  /**
   * The jar (or class-path directory) this class was loaded from: the build's own files, no other
   * class-path entry.
   */
  private static Path origin() {
    CodeSource source = PackagedFolder.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      throw new IllegalStateException("cannot tell where this build's classes come from");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          "cannot read this build's location " + source.getLocation(), e);
    }
  }

  private static Optional<Path> unpack(Path jar, String folder) throws IOException {
    String prefix = folder + "/";
    Path target = null;
    try (JarFile file = new JarFile(jar.toFile())) {
      for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
          continue;
        }
        if (target == null) {
          // Owner-only (0700 on POSIX), like Vert.x's own cache: no other user may swap a file in.
          target = Files.createTempDirectory("projectmeats-" + folder + "-");
          deleteAtExit(target);
        }
        Path destination = target.resolve(entry.getName().substring(prefix.length())).normalize();
        if (!destination.startsWith(target)) {
          throw new IOException("entry " + entry.getName() + " leaves its folder");
        }
        Files.createDirectories(destination.getParent());
        try (InputStream in = file.getInputStream(entry)) {
          Files.copy(in, destination);
        }
      }
    }
    return Optional.ofNullable(target);
  }

  private static void deleteAtExit(Path directory) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                  } catch (IOException ignored) {
                    // The JVM is exiting; a leftover in the temporary directory is all that can go
                    // wrong.
                  }
                },
                "delete-" + directory.getFileName()));
  }
}
