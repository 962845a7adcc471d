package io.tlsuite.agent.domain;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Whether the bytes received so far hold one whole HTTP/1.1 response (RFC 9112 §6). */
final class HttpAnswer {
    private HttpAnswer() {}

    static boolean complete(byte[] got) {
        String s = new String(got, StandardCharsets.ISO_8859_1);
        int end = s.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = s.substring(0, end).toLowerCase(Locale.ROOT);
        int cl = head.indexOf("content-length:");
        if (cl < 0) {
            // No length: the body runs to the close (HTTP/1.0 servers such as s_server -www).
            return head.contains("transfer-encoding") ? s.endsWith("0\r\n\r\n") : false;
        }
        int eol = head.indexOf('\n', cl);
        String v = head.substring(cl + 15, eol < 0 ? head.length() : eol).trim();
        try {
            int length = Integer.parseInt(v);
            return got.length - (end + 4) >= length;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
