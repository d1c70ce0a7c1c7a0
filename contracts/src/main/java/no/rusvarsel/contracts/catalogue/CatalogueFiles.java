package no.rusvarsel.contracts.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a catalogue document from a configured file, or from the one shipped in this jar when none is configured. */
final class CatalogueFiles {

    private CatalogueFiles() {
    }

    static <T> T read(@Nullable String path, String defaultResource, Class<T> type) {
        if (path == null || path.isBlank()) {
            try (InputStream in = CatalogueFiles.class.getClassLoader().getResourceAsStream(defaultResource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + defaultResource);
                }
                return ObjectMapper.getDefault().readValue(in, type);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + defaultResource, e);
            }
        }
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return ObjectMapper.getDefault().readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalogue " + path, e);
        }
    }
}
