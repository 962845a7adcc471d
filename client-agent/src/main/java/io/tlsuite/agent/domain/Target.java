package io.tlsuite.agent.domain;

import java.net.URI;

/**
 * Where a transport connects: {@code host:port} for tcp, the handshake service's base URL for rest.
 * Two of them, comma-separated ({@code host:8443,host:9443}), name two replicas of the handshake
 * service: the {@code resumption} scenario makes its full handshake with the first and resumes on
 * the second ({@link #resumeOn()}), which must accept the ticket the other replica issued.
 */
public record Target(String transport, String host, int port, String url, Target resumeOn) {

    /**
     * @throws IllegalArgumentException with a message fit for a problem document
     */
    public static Target parse(String transport, String value) {
        int comma = value.indexOf(',');
        if (comma >= 0) {
            Target first = parseOne(transport, value.substring(0, comma));
            String rest = value.substring(comma + 1);
            if (rest.contains(",")) {
                throw new IllegalArgumentException(
                        "a target names one endpoint, or two replicas separated by a comma");
            }
            Target second = parseOne(transport, rest);
            return new Target(transport, first.host, first.port, first.url, second);
        }
        return parseOne(transport, value);
    }

    /** Where the resumed connection goes: the other replica when there are two. */
    public Target forResumption() {
        return resumeOn == null ? this : resumeOn;
    }

    private static Target parseOne(String transport, String value) {
        if (ScenarioCatalog.REST.equals(transport)) {
            URI u;
            try {
                u = URI.create(value.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "target must be a URL such as http://localhost:8082");
            }
            if (u.getScheme() == null
                    || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                throw new IllegalArgumentException(
                        "a rest target must be an http(s) URL such as http://localhost:8082, not "
                                + value);
            }
            return new Target(transport, u.getHost(), u.getPort(), u.toString(), null);
        }
        String v = value.trim();
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw new IllegalArgumentException("a tcp target must be host:port, not " + value);
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port of " + value + " is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
        }
        return new Target(transport, host, port, null, null);
    }

    @Override
    public String toString() {
        String one = url != null ? url : host + ":" + port;
        return resumeOn == null ? one : one + "," + resumeOn;
    }

    /** This endpoint alone, without the second replica. */
    public String endpoint() {
        return url != null ? url : host + ":" + port;
    }
}
