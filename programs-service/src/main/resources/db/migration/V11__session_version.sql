-- A single resource's GET gives its version as an ETag (conventions): sessions get theirs.
ALTER TABLE session ADD COLUMN version bigint NOT NULL DEFAULT 0;
