package io.tlsuite.ca.service;

import io.tlsuite.ca.store.CertificateRecord;

/** A freshly signed leaf and the chain that verifies it (intermediate then root, PEM). */
public record IssuedCertificate(CertificateRecord record, String chainPem) {}
