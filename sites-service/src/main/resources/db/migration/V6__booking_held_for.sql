-- Whom a booking is held for: its booker (as before) or the programme team, whose managers may each cancel it
-- (programs-service books its sessions' rooms so; docs/decisions.md, "Sites, capacity and bookings").
ALTER TABLE booking ADD COLUMN held_for varchar(20) NOT NULL DEFAULT 'BOOKER'
    CHECK (held_for IN ('BOOKER', 'PROGRAMMES'));
