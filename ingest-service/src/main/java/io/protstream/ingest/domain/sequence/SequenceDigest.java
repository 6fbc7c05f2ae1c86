package io.protstream.ingest.domain.sequence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The identity of a sequence across accessions and releases: the SHA-256 of its uppercase residue
 * letters (US-ASCII), as 64 lowercase hex digits. Two entries with the same digest need one
 * embedding.
 */
public final class SequenceDigest {

  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(SequenceDigest::newSha256);

  private SequenceDigest() {}

  public static String of(String sequence) {
    MessageDigest sha = SHA_256.get();
    sha.reset();
    byte[] hash = sha.digest(sequence.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(hash);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
