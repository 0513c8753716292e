package ma.technopark.sites.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.UUID;
import ma.technopark.sites.repository.AllocationRepository.SpaceUse;
import org.junit.jupiter.api.Test;

class KnownUseTest {
    private static final UUID SITE = UUID.randomUUID();
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID OTHER_SPACE = UUID.randomUUID();
    private static final UUID STARTUP = UUID.randomUUID();
    private static final LocalDate JAN = LocalDate.of(2027, 1, 1);
    private static final LocalDate FEB = LocalDate.of(2027, 2, 1);

    private final KnownUse known = new KnownUse();

    @Test
    void nothingIsKnownBeforeItIsRead() {
        assertNull(known.bound(SPACE, STARTUP, JAN, null));
    }

    @Test
    void grantsOverThePeriodReadAddTheirSeatsExactly() {
        known.read(SPACE, STARTUP, JAN, null, new SpaceUse(SITE, true, 50, 40, 7));
        known.granted(SPACE, 3, JAN, null);
        known.granted(SPACE, 2, JAN, null);

        SpaceUse use = known.bound(SPACE, STARTUP, JAN, null);
        assertEquals(45, use.maxSeatsUsed());
        assertEquals(50, use.seats());
        assertEquals(SITE, use.siteId());
        // each grant may have hosted one more startup at the site
        assertEquals(9, use.maxOtherStartupsHosted());
    }

    @Test
    void anotherStartupMayCountTheOneReadFor() {
        known.read(SPACE, STARTUP, JAN, null, new SpaceUse(SITE, true, 50, 40, 7));

        assertEquals(7, known.bound(SPACE, STARTUP, JAN, null).maxOtherStartupsHosted());
        assertEquals(8, known.bound(SPACE, UUID.randomUUID(), JAN, null).maxOtherStartupsHosted());
    }

    @Test
    void aGrantOverAnotherPeriodOfTheSpaceForgetsWhatWasKnownOfIt() {
        known.read(SPACE, STARTUP, JAN, null, new SpaceUse(SITE, true, 50, 40, 7));
        known.read(SPACE, STARTUP, JAN, FEB, new SpaceUse(SITE, true, 50, 38, 7));
        known.read(OTHER_SPACE, STARTUP, JAN, null, new SpaceUse(SITE, true, 10, 4, 7));

        known.granted(SPACE, 1, FEB, null);

        assertNull(known.bound(SPACE, STARTUP, JAN, null));
        assertNull(known.bound(SPACE, STARTUP, JAN, FEB));
        // another space keeps its seats; its startups' bound counts the grant
        assertEquals(4, known.bound(OTHER_SPACE, STARTUP, JAN, null).maxSeatsUsed());
        assertEquals(8, known.bound(OTHER_SPACE, STARTUP, JAN, null).maxOtherStartupsHosted());
    }

    @Test
    void aNewReadReplacesTheOldOne() {
        known.read(SPACE, STARTUP, JAN, null, new SpaceUse(SITE, true, 50, 40, 7));
        known.granted(SPACE, 1, JAN, null);
        known.read(SPACE, STARTUP, JAN, null, new SpaceUse(SITE, true, 50, 41, 8));

        assertEquals(41, known.bound(SPACE, STARTUP, JAN, null).maxSeatsUsed());
        assertEquals(8, known.bound(SPACE, STARTUP, JAN, null).maxOtherStartupsHosted());
    }
}
