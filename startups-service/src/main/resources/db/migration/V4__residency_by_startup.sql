-- Residencies are listed a page at a time in id order, often for one startup (a startup token sees only its own).
CREATE INDEX residency_startup ON residency (startup_id, id);
