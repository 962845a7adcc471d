package io.tlsuite.handshake.tls;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A small HTTP/1.1 server (RFC 9112) over the decrypted stream of one TLS connection: {@code GET /}
 * answers a page naming the connection's protocol, suite, group, session, whether the extended
 * master secret and secure renegotiation were used, {@code GET /echo?msg=...} and {@code POST
 * /echo} echo, everything else is 404. Keep-alive by default, {@code Connection: close} honoured;
 * requests larger than the limit get 413 and the connection closes. No framework, no threads: bytes
 * in, response bytes out.
 */
public final class HttpOverTls {
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    /**
     * Sent with every response, the page and errors alike: HSTS (RFC 6797 §6.1: only ever over TLS,
     * which this port always is; one year, no includeSubDomains since the host name may be shared
     * with plain-HTTP services on other ports), no MIME sniffing, a page that loads nothing and
     * runs no script (the page is static HTML with inline-free markup), no framing (both the CSP
     * directive and the legacy header), and no Referer to other origins.
     */
    static final String SECURITY_HEADERS =
            "Strict-Transport-Security: max-age=31536000\r\n"
                    + "X-Content-Type-Options: nosniff\r\n"
                    + "Content-Security-Policy: default-src 'none'; base-uri 'none';"
                    + " form-action 'self'; frame-ancestors 'none'\r\n"
                    + "X-Frame-Options: DENY\r\n"
                    + "Referrer-Policy: no-referrer\r\n"
                    + "Cache-Control: no-store\r\n";

    /** Response bytes to encrypt and send, and whether to close the connection after them. */
    public record Output(byte[] response, boolean close) {
        static final Output NOTHING = new Output(new byte[0], false);
    }

    private final ConnectionFacts facts;
    private final int maxRequestBytes;
    private byte[] buffer = new byte[0];

    public HttpOverTls(ConnectionFacts facts, int maxRequestBytes) {
        this.facts = facts;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Adds decrypted bytes; answers every complete request they finish. */
    public Output onData(byte[] data) {
        buffer = concat(buffer, data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean close = false;
        while (!close) {
            int headEnd = indexOf(buffer, HEAD_END);
            if (headEnd < 0) {
                if (buffer.length > maxRequestBytes) {
                    write(out, response(431, "text/plain", "request header too large\n", true));
                    close = true;
                }
                break;
            }
            String head = new String(buffer, 0, headEnd, StandardCharsets.ISO_8859_1);
            Request request = Request.parse(head);
            if (request == null) {
                write(out, response(400, "text/plain", "malformed request\n", true));
                close = true;
                break;
            }
            if (request.headers.containsKey("transfer-encoding")) {
                write(out, response(501, "text/plain", "chunked bodies are not supported\n", true));
                close = true;
                break;
            }
            long length;
            try {
                length = Long.parseLong(request.headers.getOrDefault("content-length", "0").trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0) {
                write(out, response(400, "text/plain", "bad Content-Length\n", true));
                close = true;
                break;
            }
            if (headEnd + 4 + length > maxRequestBytes) {
                write(out, response(413, "text/plain", "request too large\n", true));
                close = true;
                break;
            }
            int total = headEnd + 4 + (int) length;
            if (buffer.length < total) {
                break;
            }
            byte[] body = Arrays.copyOfRange(buffer, headEnd + 4, total);
            buffer = Arrays.copyOfRange(buffer, total, buffer.length);
            close = request.wantsClose();
            write(out, answer(request, body, close));
        }
        return out.size() == 0 && !close ? Output.NOTHING : new Output(out.toByteArray(), close);
    }

    private byte[] answer(Request r, byte[] body, boolean close) {
        String path = r.target;
        String query = "";
        int q = path.indexOf('?');
        if (q >= 0) {
            query = path.substring(q + 1);
            path = path.substring(0, q);
        }
        if (path.equals("/") && (r.method.equals("GET") || r.method.equals("HEAD"))) {
            byte[] page = response(200, "text/html; charset=utf-8", page(), close);
            return r.method.equals("HEAD") ? headOnly(page) : page;
        }
        if (path.equals("/echo") && r.method.equals("GET")) {
            String msg = param(query, "msg");
            return response(200, "text/plain; charset=utf-8", echo(msg == null ? "" : msg), close);
        }
        if (path.equals("/echo") && r.method.equals("POST")) {
            return response(
                    200,
                    "text/plain; charset=utf-8",
                    echo(new String(body, StandardCharsets.UTF_8)),
                    close);
        }
        if (path.equals("/") || path.equals("/echo")) {
            return response(405, "text/plain", "method not allowed\n", close);
        }
        return response(404, "text/plain", "not found: try / or /echo?msg=hello\n", close);
    }

    private static String echo(String msg) {
        return msg + "\n(echoed by the handshake service at " + Instant.now() + ")\n";
    }

    private String page() {
        return "<!doctype html>\n<html><head><title>TLS suite handshake service</title></head><body>\n"
                + "<h1>Hello over TLS</h1>\n<table>\n"
                + row("protocol", facts.protocol())
                + row("cipher suite", facts.cipherSuite())
                + row(
                        "key exchange group",
                        facts.group() == null ? "none (RSA key transport)" : facts.group())
                + row("session id", facts.sessionId())
                + row("resumed", facts.resumed() ? "yes" : "no")
                + row("ems", String.valueOf(facts.extendedMasterSecret()))
                + row("secure renegotiation", String.valueOf(facts.secureRenegotiation()))
                + row(
                        "client certificate",
                        facts.clientCertificate() == null ? "none" : facts.clientCertificate())
                + row("server certificate serial", facts.serverSerial())
                + "</table>\n<p>Echo: <code>/echo?msg=hello</code> or <code>POST /echo</code>.</p>\n"
                + "</body></html>\n";
    }

    private static String row(String name, String value) {
        return "<tr><th>" + name + "</th><td>" + escape(String.valueOf(value)) + "</td></tr>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) {
                try {
                    return URLDecoder.decode(
                            eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return pair.substring(eq + 1);
                }
            }
        }
        return null;
    }

    static byte[] response(int status, String type, String body, boolean close) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head =
                "HTTP/1.1 "
                        + status
                        + " "
                        + reason(status)
                        + "\r\nContent-Type: "
                        + type
                        + "\r\nContent-Length: "
                        + b.length
                        + "\r\nServer: tlsuite-handshake-service\r\n"
                        + SECURITY_HEADERS
                        + (close ? "Connection: close\r\n" : "")
                        + "\r\n";
        return concat(head.getBytes(StandardCharsets.ISO_8859_1), b);
    }

    private static byte[] headOnly(byte[] full) {
        int end = indexOf(full, HEAD_END);
        return Arrays.copyOf(full, end + 4);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            default -> "Status";
        };
    }

    private record Request(
            String method, String target, String version, Map<String, String> headers) {
        static Request parse(String head) {
            String[] lines = head.split("\r\n");
            String[] start = lines[0].split(" ");
            if (start.length != 3 || !start[2].startsWith("HTTP/1.") || !start[1].startsWith("/")) {
                return null;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    return null;
                }
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Request(start[0], start[1], start[2], headers);
        }

        boolean wantsClose() {
            String c = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
            return c.contains("close") || (version.equals("HTTP/1.0") && !c.contains("keep-alive"));
        }
    }

    private static void write(ByteArrayOutputStream out, byte[] b) {
        out.write(b, 0, b.length);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
