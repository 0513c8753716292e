package ma.technopark.sites;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A room booked for [startsAt, endsAt); confirmed bookings of one room never overlap (database constraint). */
@Entity
@Table(name = "booking")
public class Booking extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "site_id", nullable = false)
    public UUID siteId;

    @Column(name = "space_id", nullable = false)
    public UUID spaceId;

    @Column(nullable = false)
    public String title;

    @Column(name = "booked_by", nullable = false)
    public String bookedBy;

    /** Whom the booking is held for: its booker alone, or the programme team (any programme manager cancels it). */
    @Enumerated(EnumType.STRING)
    @Column(name = "held_for", nullable = false)
    public HeldFor heldFor = HeldFor.BOOKER;

    @Column(name = "starts_at", nullable = false)
    public OffsetDateTime startsAt;

    @Column(name = "ends_at", nullable = false)
    public OffsetDateTime endsAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "series_id")
    public UUID seriesId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    @Version
    public long version;

    public enum Status {
        CONFIRMED,
        CANCELLED
    }

    public enum HeldFor {
        /** The booker's own: the booker, the site's managers and admins cancel it. */
        BOOKER,
        /** The programme team's (a programme session's room): any programme manager cancels it too. */
        PROGRAMMES
    }
}
