/** The backends: in memory and Redis, with key material sealed at rest (envelope encryption). */
package io.tlsuite.sessionstore.store;
