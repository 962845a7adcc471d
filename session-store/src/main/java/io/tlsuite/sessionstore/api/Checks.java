package io.tlsuite.sessionstore.api;

import io.tlsuite.service.problem.FieldError;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Collects every field error of one request, so a caller sees them all at once. */
final class Checks {

    /** Ids travel in URLs and storage keys: a safe, bounded alphabet. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Certificate serials: hex or decimal, optionally colon-separated. */
    static final Pattern SERIAL = Pattern.compile("[0-9A-Za-z:]{1,128}");

    private static final Pattern TEXT = Pattern.compile("[\\p{Graph} ]{1,256}");

    private final List<FieldError> errors = new ArrayList<>();

    static void requireBody(Object body) {
        if (body == null) {
            throw new InvalidRequestException(
                    List.of(new FieldError("body", "a JSON body is required")));
        }
    }

    String id(String field, String value, boolean required) {
        return matches(field, value, required, ID, "1 to 128 of A-Z a-z 0-9 . _ : -");
    }

    String serial(String field, String value, boolean required) {
        return matches(field, value, required, SERIAL, "1 to 128 of 0-9 A-Z a-z :");
    }

    String text(String field, String value, boolean required) {
        return matches(field, value, required, TEXT, "1 to 256 printable characters");
    }

    /** The JDK name of an allowed version; SSL 3.0, TLS 1.0 and 1.1 are refused. */
    String protocolVersion(String field, String value) {
        if (value == null) {
            fail(field, "required: TLSv1.3 or TLSv1.2");
            return null;
        }
        String v = value.trim().toUpperCase(Locale.ROOT).replace(" ", "").replace("V", "");
        switch (v) {
            case "TLS1.3":
            case "1.3":
            case "0X0304":
                return "TLSv1.3";
            case "TLS1.2":
            case "1.2":
            case "0X0303":
                return "TLSv1.2";
            default:
                fail(field, "must be TLSv1.3 or TLSv1.2");
                return null;
        }
    }

    byte[] base64(String field, String value, boolean required, int maxBytes) {
        if (value == null || value.isEmpty()) {
            if (required) {
                fail(field, "required (base64)");
            }
            return null;
        }
        if (value.length() > (maxBytes + 2) / 3 * 4 + 4) {
            fail(field, "at most " + maxBytes + " bytes");
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(value.trim());
            if (bytes.length == 0 || bytes.length > maxBytes) {
                fail(field, "must decode to 1 to " + maxBytes + " bytes");
                return null;
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            fail(field, "not valid base64");
            return null;
        }
    }

    void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    boolean ok() {
        return errors.isEmpty();
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private String matches(String field, String value, boolean required, Pattern p, String rule) {
        if (value == null) {
            if (required) {
                fail(field, "required");
            }
            return null;
        }
        if (!p.matcher(value).matches()) {
            fail(field, rule);
            return null;
        }
        return value;
    }
}
