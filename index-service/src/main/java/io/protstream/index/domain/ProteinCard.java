package io.protstream.index.domain;

import java.util.List;

/**
 * Everything the index knows about one live accession.
 *
 * @param sequence its digest's record, or null before the first embedding, annotation or sequence
 *     of it arrived
 * @param sameSequence every live accession carrying the same sequence (this one included)
 */
public record ProteinCard(AccessionEntry entry, DigestRecord sequence, List<Member> sameSequence) {}
