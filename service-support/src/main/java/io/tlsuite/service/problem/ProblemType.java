package io.tlsuite.service.problem;

/**
 * A kind of refusal with a stable slug: the API turns it into the RFC 9457 problem {@code type} URI
 * {@code https://tlsuite.dev/problems/<slug>}. {@link CommonProblems} holds the kinds every service
 * shares; a service adds its own as an enum implementing this interface.
 */
public interface ProblemType {

    /** The stable, documented part of the type URI; never changes once published. */
    String slug();

    /** The HTTP status this kind of problem answers with. */
    int status();

    /** A short human summary, the same for every occurrence (RFC 9457 §3.1.3). */
    String title();

    /** The full type URI. */
    default String uri() {
        return Problem.TYPE_BASE + slug();
    }

    /** A kind named elsewhere (e.g. by a domain enum that carries slug and title but no status). */
    static ProblemType of(String slug, int status, String title) {
        return new Named(slug, status, title);
    }

    /** A problem type given by its three parts. */
    record Named(String slug, int status, String title) implements ProblemType {}
}
