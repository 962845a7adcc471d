package io.tlsuite.agent.domain;

import java.net.URI;

/**
 * Where a transport connects: {@code host:port} for tcp, the handshake service's base URL for rest.
 */
public record Target(String transport, String host, int port, String url) {

    /**
     * @throws IllegalArgumentException with a message fit for a problem document
     */
    public static Target parse(String transport, String value) {
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
            return new Target(transport, u.getHost(), u.getPort(), u.toString());
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
        return new Target(transport, host, port, null);
    }

    @Override
    public String toString() {
        return url != null ? url : host + ":" + port;
    }
}
