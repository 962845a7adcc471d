/** The CA's configuration mapping ({@code tlsuite.ca.*}); depends on nothing else of the CA. */
package io.tlsuite.ca.config;
