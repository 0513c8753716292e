-- Mentors and opportunities are corrected with PUT and If-Match, like the other resources: each gets the version
-- its ETag is made of.
ALTER TABLE mentor ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE opportunity ADD COLUMN version bigint NOT NULL DEFAULT 0;
