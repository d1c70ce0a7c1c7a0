package no.rusvarsel.devstack;

import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** JSON through Micronaut Serialization, and files written atomically (never half a file for a reader). */
final class Json {

    private static volatile ObjectMapper mapper;

    private Json() {
    }

    static ObjectMapper mapper() {
        ObjectMapper m = mapper;
        if (m == null) {
            synchronized (Json.class) {
                m = mapper;
                if (m == null) {
                    m = ObjectMapper.getDefault();
                    mapper = m;
                }
            }
        }
        return m;
    }

    static String write(Object value) {
        try {
            return mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(Path file, Class<T> type) {
        try {
            return read(Files.readString(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes {@code value} as JSON to {@code file} via a temporary file and a rename. */
    static void writeFile(Path file, Object value) {
        writeFile(file, write(value) + "\n", false);
    }

    /** Like {@link #writeFile(Path, Object)}, readable only by the owner (secrets). */
    static void writePrivateFile(Path file, Object value) {
        writeFile(file, write(value) + "\n", true);
    }

    private static void writeFile(Path file, String text, boolean ownerOnly) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
