-- Which demo data sets this database holds (one row per seed): the loader runs once, whatever the replicas.
CREATE TABLE demo_data (
    seed      bigint PRIMARY KEY,
    records   int         NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now()
);
