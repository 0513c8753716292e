-- A session is cancelled (its room booking cancelled in sites-service), by staff or because sites-service
-- cancelled the booking; a cancelled session keeps its row, its attendance and its booking id.
ALTER TABLE session
    ADD COLUMN status       text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'CANCELLED')),
    ADD COLUMN cancelled_at timestamptz,
    ADD COLUMN cancelled_by text,
    ADD CONSTRAINT session_cancelled_at CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL));
