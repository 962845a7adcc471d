/**
 * The one error shape of the suite: RFC 9457 problem details with a stable {@code type} per kind of
 * error ({@link io.tlsuite.service.problem.CommonProblems} plus each service's own), and the
 * exception mappers that turn every failure into one. Depends on JAX-RS and Jackson only.
 */
package io.tlsuite.service.problem;
