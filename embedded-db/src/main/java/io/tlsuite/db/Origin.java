package io.tlsuite.db;

/** Where a database server came from, in the order they are tried. */
public enum Origin {
    /** Named by configuration (a URL in the environment or a system property). */
    CONFIGURED("configured"),
    /** Already running on this machine, on its standard port. */
    MACHINE("machine"),
    /** Started by us from the binaries shipped in a Maven dependency. */
    EMBEDDED("embedded");

    private final String label;

    Origin(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
