package io.switchboard.server.store.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.util.SwitchboardException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContactDaoTest {
  private final StoreFixture fixture = new StoreFixture();
  private final ContactDao contacts = fixture.contacts;

  @Test
  void storesAndFindsContacts() {
    Contact known = new Contact(UUID.randomUUID(), fixture.siteId, "Ana", "ana@example.com",
        "+34 600 000 000");
    Contact anonymous = new Contact(UUID.randomUUID(), fixture.siteId, null, null, null);
    contacts.create(known);
    contacts.create(anonymous);

    assertThat(contacts.find(known.id())).contains(known);
    assertThat(contacts.find(anonymous.id())).contains(anonymous);
    assertThat(contacts.find(UUID.randomUUID())).isEmpty();
  }

  @Test
  void aContactOfAnUnknownSiteIsNotFound() {
    Contact orphan = new Contact(UUID.randomUUID(), "site-" + UUID.randomUUID(), null, null, null);
    assertThatThrownBy(() -> contacts.create(orphan))
        .isInstanceOfSatisfying(SwitchboardException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void toStringKeepsPersonalDataOut() {
    Contact contact = new Contact(UUID.randomUUID(), "s", "Ana", "ana@example.com", "123");
    assertThat(contact.toString()).doesNotContain("Ana", "ana@example.com", "123");
  }
}
