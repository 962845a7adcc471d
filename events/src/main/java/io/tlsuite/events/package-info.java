/**
 * The suite's event contracts: topic names, the CloudEvents 1.0 envelope, the catalogue of event
 * types and their JSON codec. No secret ever belongs in an event.
 */
package io.tlsuite.events;
