-- A site's passes in id order (the list of passes pages by id within a site).
CREATE INDEX nomad_pass_site_id ON nomad_pass (site_id, id);
