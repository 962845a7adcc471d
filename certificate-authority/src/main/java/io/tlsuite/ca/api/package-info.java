/**
 * The CA's REST API: resources, request and response documents. Calls the {@code service} layer;
 * holds no rules of its own.
 */
package io.tlsuite.ca.api;
