/**
 * The framework-free core of the ingest service: UniProt release parsing, record validation,
 * sequence digests and the release diff. Nothing here depends on the runtime platform, the message
 * broker or the database driver, so the same code runs inside the service, in the {@code
 * uniprot-check} command and in plain unit tests.
 */
package io.protstream.ingest.domain;
