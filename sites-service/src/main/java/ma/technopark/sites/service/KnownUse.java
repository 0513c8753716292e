package ma.technopark.sites.service;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import ma.technopark.sites.repository.AllocationRepository.SpaceUse;

/**
 * What the decisions of one transaction at a locked site have learnt of its spaces' use, so that a batch of
 * decisions for the same space and period asks the database once instead of once each.
 * <p>
 * Under the site's lock only this transaction's own decisions change the site's allocations, so what it read
 * stays true but for what it granted since. Granting {@code n} seats over exactly the period read adds {@code n}
 * seats to every day of it: the most seats used is then exactly {@code n} more. A grant over another period of the
 * same space would make that a guess, so it forgets what it knew of the space. Startups are not counted exactly:
 * each grant at the site adds at most one startup on any day, and a request from another startup than the one
 * read for may count that one too, so the count known is an upper bound.
 * <p>
 * A decision that the bound lets through is right (the true figures are no higher); one the exact seats refuse
 * is right too; one only the startups' bound refuses must ask the database.
 */
final class KnownUse {
    private record Key(UUID spaceId, LocalDate start, LocalDate end) {
    }

    /** What was read, for which startup, after how many of this transaction's grants at the site. */
    private record Read(SpaceUse use, UUID startupId, int grantsBefore) {
    }

    private final Map<Key, Read> reads = new HashMap<>();
    private int grants;

    /** Remembers the use of a space over a period, as read now (with the lock held) for {@code startupId}. */
    void read(UUID spaceId, UUID startupId, LocalDate start, LocalDate end, SpaceUse use) {
        reads.put(new Key(spaceId, start, end), new Read(use, startupId, grants));
    }

    /**
     * The use of the space over exactly that period, as far as this transaction knows it: the seats exact, the
     * other startups hosted an upper bound; null when nothing is known.
     */
    SpaceUse bound(UUID spaceId, UUID startupId, LocalDate start, LocalDate end) {
        Read read = reads.get(new Key(spaceId, start, end));
        if (read == null) {
            return null;
        }
        SpaceUse use = read.use();
        int startups = use.maxOtherStartupsHosted() + (Objects.equals(startupId, read.startupId()) ? 0 : 1)
                + grants - read.grantsBefore();
        return new SpaceUse(use.siteId(), use.allocatable(), use.seats(), use.maxSeatsUsed(), startups);
    }

    /** This transaction granted {@code seats} of the space over [start, end). */
    void granted(UUID spaceId, int seats, LocalDate start, LocalDate end) {
        grants++;
        Key granted = new Key(spaceId, start, end);
        reads.entrySet().removeIf(e -> e.getKey().spaceId().equals(spaceId) && !e.getKey().equals(granted));
        reads.computeIfPresent(granted, (k, read) -> new Read(new SpaceUse(read.use().siteId(), read.use().allocatable(),
                read.use().seats(), read.use().maxSeatsUsed() + seats, read.use().maxOtherStartupsHosted()),
                read.startupId(), read.grantsBefore()));
    }
}
