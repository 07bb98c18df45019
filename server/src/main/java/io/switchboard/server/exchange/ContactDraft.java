package io.switchboard.server.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What one valid import row says about a contact; null for what it leaves as it is. The
 * {@code key} (external id, else the lower-case email) tells the file's contacts apart.
 *
 * <p>Immutable and thread-safe if {@code attributes} is not changed after construction.
 */
public record ContactDraft(int row, String key, String externalId, String name, String email,
    String phone, List<String> otherEmails, List<String> otherPhones, String company,
    String ownerEmail, String stage, List<String> tags, ObjectNode attributes) {}
