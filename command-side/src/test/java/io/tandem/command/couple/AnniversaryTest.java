package io.tandem.command.couple;

import io.tandem.api.RejectedException;
import io.tandem.api.couple.CoupleCommands.AddAnniversaryCommand;
import io.tandem.api.couple.CoupleCommands.ChangeAnniversaryCommand;
import io.tandem.api.couple.CoupleCommands.RemoveAnniversaryCommand;
import io.tandem.api.couple.CoupleEvents.AnniversaryAddedEvent;
import io.tandem.api.couple.CoupleEvents.AnniversaryChangedEvent;
import io.tandem.api.couple.CoupleEvents.AnniversaryRemovedEvent;
import io.tandem.api.couple.CoupleResults.AnniversaryDetails;
import io.tandem.command.CommandTestDatabase;
import io.tandem.command.couple.CoupleItems.Kind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnniversaryTest {

    private static final LocalDate FIRST_TRIP = LocalDate.of(2025, 8, 15);
    private static final String COUPLE = "couple-1";

    private static CoupleItems items;

    private AggregateTestFixture<Anniversary> fixture;
    private String id;

    @BeforeAll
    static void database() {
        items = new CoupleItems(CommandTestDatabase.create(CommandTestDatabase.COUPLES));
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Anniversary.class);
        fixture.registerInjectableResource(items);
        id = UUID.randomUUID().toString();
    }

    private AnniversaryAddedEvent added() {
        return new AnniversaryAddedEvent(id, COUPLE, "First trip", FIRST_TRIP, true, "user-1");
    }

    @Test
    void anAddedAnniversaryBelongsToItsCouple() {
        fixture.givenNoPriorActivity()
               .when(new AddAnniversaryCommand(id, COUPLE, "user-1", "First trip", FIRST_TRIP, true))
               .expectEvents(added())
               .expectResultMessagePayload(new AnniversaryDetails(id, "First trip", FIRST_TRIP, true));
        items.requireOwned(id, COUPLE, Kind.ANNIVERSARY);
        assertThatThrownBy(() -> items.requireOwned(id, "couple-2", Kind.ANNIVERSARY))
                .isInstanceOf(RejectedException.class);
        assertThatThrownBy(() -> items.requireOwned(id, COUPLE, Kind.PLAN)).isInstanceOf(RejectedException.class);
    }

    @Test
    void aChangeKeepsWhatItDoesNotMentionAndNothingChangedIsNoEvent() {
        fixture.given(added())
               .when(new ChangeAnniversaryCommand(id, COUPLE, null, null, false))
               .expectEvents(new AnniversaryChangedEvent(id, COUPLE, "First trip", FIRST_TRIP, false))
               .expectResultMessagePayload(new AnniversaryDetails(id, "First trip", FIRST_TRIP, false));
        fixture.given(added())
               .when(new ChangeAnniversaryCommand(id, COUPLE, "First trip", FIRST_TRIP, true))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void anotherCouplesOrARemovedAnniversaryIsNotFound() {
        fixture.given(added())
               .when(new RemoveAnniversaryCommand(id, "couple-2"))
               .expectNoEvents()
               .expectException(RejectedException.class)
               .expectExceptionMessage("No such anniversary.");
        fixture.given(added())
               .when(new RemoveAnniversaryCommand(id, COUPLE))
               .expectEvents(new AnniversaryRemovedEvent(id, COUPLE));
        fixture.given(added(), new AnniversaryRemovedEvent(id, COUPLE))
               .when(new ChangeAnniversaryCommand(id, COUPLE, "Again", null, null))
               .expectNoEvents()
               .expectException(RejectedException.class);
    }
}
