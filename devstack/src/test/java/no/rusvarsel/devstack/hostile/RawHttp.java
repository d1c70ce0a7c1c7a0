package no.rusvarsel.devstack.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request: the corpus needs paths, bodies and timing that a
 * well-behaved client library refuses to send (bad percent-encoding, raw bytes, bodies that trickle in).
 */
final class RawHttp {

    /** An answer; status -1 when none came (the message says why). */
    record Response(int status, Map<String, String> headers, byte[] body, String failure) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    static byte[] head(int port, String method, String path, String bearer, String contentType, long contentLength) {
        var b = new StringBuilder().append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        if (bearer != null) {
            b.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        if (contentType != null) {
            b.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (contentLength >= 0) {
            b.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        b.append("Connection: close\r\n\r\n");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static Response send(int port, String method, String path, String bearer, String contentType, byte[] body, int timeoutMillis) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(timeoutMillis);
            var out = socket.getOutputStream();
            out.write(head(port, method, path, bearer, contentType, body == null ? (method.equals("GET") || method.equals("DELETE") ? -1 : 0) : body.length));
            String writeFailure = null;
            if (body != null) {
                try {
                    for (int offset = 0; offset < body.length; offset += 64 * 1024) {
                        out.write(body, offset, Math.min(64 * 1024, body.length - offset));
                    }
                } catch (IOException e) {
                    // the server may answer (413) and close before the whole body is written: read what it said
                    writeFailure = "write: " + e.getMessage();
                }
            }
            out.flush();
            var response = read(socket.getInputStream());
            if (response.status() < 0 && writeFailure != null) {
                return new Response(-1, Map.of(), new byte[0], writeFailure + "; " + response.failure());
            }
            return response;
        } catch (SocketTimeoutException e) {
            return new Response(-1, Map.of(), new byte[0], "timeout after " + timeoutMillis + " ms");
        } catch (IOException e) {
            return new Response(-1, Map.of(), new byte[0], e.toString());
        }
    }

    /** Reads one response: status line, headers, then a body by Content-Length, chunks, or to the end. */
    static Response read(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                return new Response(-1, Map.of(), new byte[0], "connection closed after " + head.size() + " bytes of head");
            }
            head.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3)) ? matched + 1
                    : (c == '\r' ? 1 : 0);
        }
        var lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        var statusLine = lines[0].split(" ");
        int status = Integer.parseInt(statusLine[1]);
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            var out = new ByteArrayOutputStream();
            while (true) {
                var size = line(in);
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    break;
                }
                out.writeBytes(in.readNBytes(n));
                line(in);
            }
            body = out.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body, null);
    }

    private static String line(InputStream in) throws IOException {
        var b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
