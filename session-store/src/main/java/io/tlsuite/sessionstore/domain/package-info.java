/**
 * The store's model and rules: the session registry, tickets, engine states, key zeroisation, and
 * the backend interfaces the {@code store} package implements.
 */
package io.tlsuite.sessionstore.domain;
