-- A single resource's GET gives its version as an ETag (conventions): allocations and nomad passes get theirs.
ALTER TABLE allocation ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE nomad_pass ADD COLUMN version bigint NOT NULL DEFAULT 0;
