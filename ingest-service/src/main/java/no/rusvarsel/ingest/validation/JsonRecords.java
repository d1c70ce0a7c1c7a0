package no.rusvarsel.ingest.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Splits a JSON request body into records: {@code application/json} is one object or an array of them,
 * {@code application/x-ndjson} one JSON value per non-empty line. Non-objects inside are returned as they are, for the
 * validator to report with their index. Anything unreadable — malformed JSON, duplicate keys, trailing content,
 * nesting deeper than {@value #MAX_DEPTH}, no records, more than the limit — is an {@link InputFormatException}
 * with line and column (for NDJSON, the line of the body).
 */
public final class JsonRecords {

    public static final int DEFAULT_MAX_RECORDS = 10_000;
    /** Records nest three levels (record → list → item); anything far deeper is refused before a tree is built. */
    public static final int MAX_DEPTH = 32;
    public static final String JSON = "application/json";
    public static final String NDJSON = "application/x-ndjson";

    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private JsonRecords() {
    }

    public static List<JsonNode> parse(String mediaType, byte[] body) {
        return parse(mediaType, body, DEFAULT_MAX_RECORDS);
    }

    /**
     * @param mediaType {@code application/json} or {@code application/x-ndjson} (also {@code application/ndjson});
     *                  parameters such as {@code ; charset=utf-8} are ignored
     * @throws IllegalArgumentException for any other media type (the caller answers 415)
     */
    public static List<JsonNode> parse(String mediaType, byte[] body, int maxRecords) {
        String type = mediaType == null ? "" : mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        byte[] bytes = withoutByteOrderMark(body == null ? new byte[0] : body);
        return switch (type) {
            case JSON -> json(bytes, maxRecords);
            case NDJSON, "application/ndjson" -> ndjson(bytes, maxRecords);
            default -> throw new IllegalArgumentException("unsupported media type " + mediaType);
        };
    }

    private static List<JsonNode> json(byte[] body, int maxRecords) {
        strictCheck(body, 0, parser -> {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new InputFormatException("no records");
            }
            if (token == JsonToken.START_ARRAY) {
                int count = 0;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                    if (++count > maxRecords) {
                        throw tooMany(maxRecords, parser.currentTokenLocation(), 0);
                    }
                    parser.skipChildren();
                }
                if (count == 0) {
                    throw new InputFormatException("no records");
                }
            } else if (token == JsonToken.START_OBJECT) {
                parser.skipChildren();
            } else {
                JsonLocation at = parser.currentTokenLocation();
                throw new InputFormatException("the body must be a JSON object or an array of JSON objects",
                        at.getLineNr(), at.getColumnNr());
            }
            expectEnd(parser, 0, "the body must hold one JSON value (one object, or one array of objects)");
        });
        JsonNode root = tree(body, 0);
        if (root.isArray()) {
            var records = new ArrayList<JsonNode>(root.size());
            root.values().forEach(records::add);
            return records;
        }
        return List.of(root);
    }

    private static List<JsonNode> ndjson(byte[] body, int maxRecords) {
        var records = new ArrayList<JsonNode>();
        int start = 0;
        long line = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            line++;
            byte[] slice = Arrays.copyOfRange(body, start, end);
            start = end + 1;
            if (isBlank(slice)) {
                continue;
            }
            long lineOffset = line - 1;
            strictCheck(slice, lineOffset, parser -> {
                parser.nextToken();
                parser.skipChildren();
                expectEnd(parser, lineOffset, "each line must hold exactly one JSON value");
            });
            if (records.size() == maxRecords) {
                throw tooMany(maxRecords, null, line);
            }
            records.add(tree(slice, line - 1));
        }
        if (records.isEmpty()) {
            throw new InputFormatException("no records");
        }
        return records;
    }

    private interface Check {
        void run(JsonParser parser) throws IOException;
    }

    /**
     * Reads the JSON once with a strict streaming parser, before any tree is built: syntax, duplicate keys, depth
     * and trailing content are checked without recursion, and every problem gets a place.
     */
    private static void strictCheck(byte[] json, long lineOffset, Check check) {
        JsonParser parser;
        try {
            parser = STRICT.createParser(json);
        } catch (IOException e) {
            throw located(e, lineOffset);
        }
        try (parser) {
            check.run(parser);
        } catch (StreamConstraintsException e) {
            // a limit of the parser (depth, length of a number or text): its own exception has no location
            JsonLocation at = parser.currentLocation();
            String reason = String.valueOf(e.getOriginalMessage()).contains("nesting depth")
                    ? "nested too deeply: records need at most " + MAX_DEPTH + " levels of objects and lists"
                    : "malformed JSON: " + clean(e.getOriginalMessage());
            throw new InputFormatException(reason, lineOffset + at.getLineNr(), at.getColumnNr());
        } catch (IOException e) {
            throw located(e, lineOffset);
        }
    }

    private static void expectEnd(JsonParser parser, long lineOffset, String reason) throws IOException {
        if (parser.nextToken() != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw new InputFormatException("unexpected content after the JSON value: " + reason,
                    lineOffset + at.getLineNr(), at.getColumnNr());
        }
    }

    /** The tree, read by Micronaut's ObjectMapper (the input has passed the strict check already). */
    private static JsonNode tree(byte[] json, long lineOffset) {
        try {
            JsonNode node = Mapper.INSTANCE.readValue(json, JsonNode.class);
            return node == null ? JsonNode.nullNode() : node;
        } catch (IOException | RuntimeException e) {
            throw located(e, lineOffset);
        }
    }

    private static InputFormatException tooMany(int maxRecords, JsonLocation at, long line) {
        String reason = "too many records: at most " + maxRecords + " per request; split the data into several requests";
        return at == null ? new InputFormatException(reason, line, -1)
                : new InputFormatException(reason, at.getLineNr(), at.getColumnNr());
    }

    /** Where Jackson found the problem, from the first {@link JsonProcessingException} in the cause chain. */
    static InputFormatException located(Throwable failure, long lineOffset) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InputFormatException e) {
                return e;
            }
            if (t instanceof JsonProcessingException e && e.getLocation() != null) {
                JsonLocation at = e.getLocation();
                return new InputFormatException("malformed JSON: " + clean(e.getOriginalMessage()),
                        at.getLineNr() < 1 ? -1 : lineOffset + at.getLineNr(), at.getColumnNr());
            }
        }
        return new InputFormatException("malformed JSON: " + clean(String.valueOf(failure.getMessage())),
                lineOffset > 0 ? lineOffset + 1 : -1, -1);
    }

    /** Jackson may quote the input; a long number in it could be personal data, so it is not repeated. */
    private static String clean(String message) {
        String firstLine = message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
        return firstLine.replaceAll("[0-9]{6,}", "…");
    }

    private static byte[] withoutByteOrderMark(byte[] body) {
        boolean bom = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF;
        return bom ? Arrays.copyOfRange(body, 3, body.length) : body;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Micronaut's default ObjectMapper, created on first use. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = ObjectMapper.getDefault();
    }
}
