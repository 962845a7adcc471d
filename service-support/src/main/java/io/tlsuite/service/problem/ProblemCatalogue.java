package io.tlsuite.service.problem;

/**
 * What an enum of problem kinds implements: each constant holds its {@link ProblemType} (built with
 * {@link ProblemType#of}), and slug, status and title come from it, so the enums list their kinds
 * and nothing else.
 */
public interface ProblemCatalogue extends ProblemType {

    /** The slug, status and title of this kind. */
    ProblemType definition();

    @Override
    default String slug() {
        return definition().slug();
    }

    @Override
    default int status() {
        return definition().status();
    }

    @Override
    default String title() {
        return definition().title();
    }
}
