package io.tandem.platform.axon;

import io.tandem.platform.personaldata.InMemoryPersonalDataKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.api.booking.BookingEvents.BookingPlacedEvent;
import io.tandem.api.booking.Passenger;
import io.tandem.api.file.FileEvents.FileRegisteredEvent;
import io.tandem.api.flight.Cabin;
import io.tandem.api.identity.IdentityEvents.KakaoAccountLinkedEvent;
import io.tandem.api.identity.IdentityEvents.ProfileUpdatedEvent;
import io.tandem.api.identity.IdentityEvents.UserSignedUpEvent;
import io.tandem.api.identity.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The events that carry personal data today keep it encrypted at rest and lose it with the subject's key. */
class PersonalEventsTest {

    private static final String USER = "0b7d5a4e-0000-4000-8000-000000000001";
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    private final InMemoryPersonalDataKeys keys = InMemoryPersonalDataKeys.perSubject();
    private final ObjectMapper storage = StorageSerialization.storageObjectMapper(keys);

    @Test
    void identityEvents() throws Exception {
        var signedUp = new UserSignedUpEvent(USER, "kim@example.com", "{bcrypt}secret-hash", "Kim Minji", Role.USER,
                                             987654321L, "https://k.kakaocdn.net/kim.jpg");
        String storedSignUp = assertEncrypted(signedUp, "kim@example.com", "{bcrypt}", "Kim Minji", "987654321",
                                              "kakaocdn");
        String storedUpdate = assertEncrypted(new ProfileUpdatedEvent(USER, "Kim Minji", "minji"), "Kim Minji",
                                              "minji");
        String storedLink = assertEncrypted(new KakaoAccountLinkedEvent(USER, 987654321L), "987654321");

        keys.erase(USER);
        assertThat(storage.readValue(storedSignUp, UserSignedUpEvent.class))
                .isEqualTo(new UserSignedUpEvent(USER, null, null, null, Role.USER, null, null));
        assertThat(storage.readValue(storedUpdate, ProfileUpdatedEvent.class))
                .isEqualTo(new ProfileUpdatedEvent(USER, null, null));
        assertThat(storage.readValue(storedLink, KakaoAccountLinkedEvent.class).kakaoId()).isNull();
    }

    @Test
    void fileNames() throws Exception {
        var registered = new FileRegisteredEvent("f-1", USER, "김민지 여권.jpg", "image/jpeg", 10, "ab".repeat(32),
                                                 "files/" + USER + "/f-1");
        String stored = assertEncrypted(registered, "여권");
        keys.erase(USER);
        FileRegisteredEvent erased = storage.readValue(stored, FileRegisteredEvent.class);
        assertThat(erased.fileName()).isNull();
        assertThat(erased.storageKey()).isEqualTo("files/" + USER + "/f-1");
    }

    @Test
    void bookingPassengersAreOneEncryptedValueOfTheBookingsUser() throws Exception {
        var placed = new BookingPlacedEvent("TD0000000001", USER, "s-1", "f-1", "7C101", "GMP", "CJU", AT, "1A",
                                            Cabin.ECONOMY, List.of(new Passenger("Kim Minji",
                                                                                 LocalDate.of(1990, 5, 17),
                                                                                 "010-1234-5678")),
                                            90_000, AT);
        String stored = assertEncrypted(placed, "Kim Minji", "1990-05-17", "010-1234-5678");
        keys.erase(USER);
        BookingPlacedEvent erased = storage.readValue(stored, BookingPlacedEvent.class);
        assertThat(erased.passengers()).isNull();
        assertThat(erased.seatId()).isEqualTo("1A");
        assertThat(erased.amount()).isEqualTo(90_000);
    }

    /** The stored JSON, once it is shown to hide the plain values and to read back whole while the key lasts. */
    private String assertEncrypted(Object event, String... plainValues) throws Exception {
        String json = storage.writeValueAsString(event);
        assertThat(json).doesNotContain(plainValues).contains("pd:v1:").contains(USER);
        assertThat(storage.readValue(json, event.getClass())).isEqualTo(event);
        return json;
    }
}
