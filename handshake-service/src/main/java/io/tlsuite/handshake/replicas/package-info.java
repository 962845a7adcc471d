/**
 * Engine state shared between replicas through the session store, so any replica serves any REST
 * step.
 */
package io.tlsuite.handshake.replicas;
