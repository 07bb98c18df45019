package io.switchboard.server.delivery;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Which of one user's sessions a sign-out closes: those opened with one token (a logout), all of
 * them (logout everywhere, a disabled user, a password reset), or all but those of one token (a
 * new password keeps the login that chose it). Tokens are named by their SHA-256.
 *
 * <p>Immutable and thread-safe (the hash is copied in and never handed out).
 */
public final class SignOut {
  /** Which sessions, relative to {@link #tokenHash}. */
  public enum Scope {
    /** Only the sessions opened with the token. */
    TOKEN,
    /** Every session of the user. */
    ALL,
    /** Every session of the user but those opened with the token. */
    ALL_BUT
  }

  private static final String ALL_TEXT = "*";
  private static final String ALL_BUT_PREFIX = "*-";

  private final Scope scope;
  private final byte[] tokenHash;

  private SignOut(Scope scope, byte[] tokenHash) {
    this.scope = scope;
    this.tokenHash = tokenHash == null ? null : tokenHash.clone();
  }

  /** The sessions opened with the token whose SHA-256 is {@code tokenHash}. */
  public static SignOut token(byte[] tokenHash) {
    return new SignOut(Scope.TOKEN, Objects.requireNonNull(tokenHash, "tokenHash"));
  }

  /** Every session of the user. */
  public static SignOut all() {
    return new SignOut(Scope.ALL, null);
  }

  /** Every session of the user but those opened with the token whose SHA-256 is {@code keep}. */
  public static SignOut allBut(byte[] keep) {
    return keep == null ? all() : new SignOut(Scope.ALL_BUT, keep);
  }

  public Scope scope() {
    return scope;
  }

  /** Whether a session opened with the token whose SHA-256 is {@code sessionTokenHash} closes. */
  public boolean closes(byte[] sessionTokenHash) {
    return switch (scope) {
      case ALL -> true;
      case TOKEN -> Arrays.equals(tokenHash, sessionTokenHash);
      case ALL_BUT -> !Arrays.equals(tokenHash, sessionTokenHash);
    };
  }

  /** The text a {@link BusEnvelope.Kind#REVOKE} envelope carries: {@code *}, {@code hex} or {@code *-hex}. */
  public String encode() {
    return switch (scope) {
      case ALL -> ALL_TEXT;
      case TOKEN -> HexFormat.of().formatHex(tokenHash);
      case ALL_BUT -> ALL_BUT_PREFIX + HexFormat.of().formatHex(tokenHash);
    };
  }

  /**
   * Reads what {@link #encode} wrote.
   *
   * @throws IllegalArgumentException when the text is not one
   */
  public static SignOut decode(String text) {
    if (text.equals(ALL_TEXT)) {
      return all();
    }
    if (text.startsWith(ALL_BUT_PREFIX)) {
      return allBut(HexFormat.of().parseHex(text.substring(ALL_BUT_PREFIX.length())));
    }
    return token(HexFormat.of().parseHex(text));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignOut that && scope == that.scope
        && Arrays.equals(tokenHash, that.tokenHash);
  }

  @Override
  public int hashCode() {
    return 31 * scope.hashCode() + Arrays.hashCode(tokenHash);
  }

  @Override
  public String toString() {
    return "SignOut[" + encode() + "]";
  }
}
