/**
 * The REST API: sessions, tickets, engine states, with the service-token guard on key-bearing
 * endpoints.
 */
package io.tlsuite.sessionstore.api;
