package io.switchboard.server.mail;

/**
 * An attachment or inline image of a mail, or one to attach to a mail we send: its file name,
 * the type the mail declared, and its bytes. (Stored attachments take these over once attachment
 * storage exists; the type is then found from the content, not from this declaration.)
 *
 * <p>Immutable and thread-safe (the bytes are not copied: do not change them).
 *
 * @param contentId the {@code Content-ID} of an inline image, without brackets; null otherwise
 */
public record MailPart(String fileName, String declaredType, byte[] bytes, String contentId,
    boolean inline) {}
