package io.tlsuite.containers;

/**
 * Names of the suite's container images for tests: {@code tlsuite/<name>:<version>}, the version
 * from the system property {@code tlsuite.image.tag} (surefire sets it to the project version).
 */
public final class ContainerImages {

    private ContainerImages() {}

    /** The project's image tag: {@code tlsuite.image.tag}, else {@code 0.1.0-SNAPSHOT}. */
    public static String tag() {
        return System.getProperty("tlsuite.image.tag", "0.1.0-SNAPSHOT");
    }

    /** {@code name} with {@code ${version}} replaced by {@link #tag()}. */
    public static String resolve(String name) {
        return name.replace("${version}", tag());
    }

    /** {@code tlsuite/<name>:<tag>}. */
    public static String suite(String name) {
        return "tlsuite/" + name + ":" + tag();
    }
}
