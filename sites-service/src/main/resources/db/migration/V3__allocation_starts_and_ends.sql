-- A capacity decision (AllocationRepository) checks the seats and startups held at the start of its period and at
-- each start of an active allocation inside it. Through the GiST indexes on (space or site, period) both parts
-- visited far more than they needed: the starts were found by scanning every active allocation overlapping the
-- period, and the allocations holding a day were found at about 2 us each, slower than a B-tree by several times
-- once the ids of one site's spaces, which are close in time, share the index's pages.
-- The starts inside a period: a range of start dates.
CREATE INDEX allocation_space_starts ON allocation (space_id, start_date) WHERE status = 'ACTIVE';
CREATE INDEX allocation_site_starts ON allocation (site_id, start_date) WHERE status = 'ACTIVE';
-- The allocations holding a day: those ending after it (open-ended ones last), then started by it; those that
-- ended before it, however many, are not visited.
CREATE INDEX allocation_space_ends ON allocation (space_id, (coalesce(end_date, 'infinity'))) WHERE status = 'ACTIVE';
CREATE INDEX allocation_site_ends ON allocation (site_id, (coalesce(end_date, 'infinity'))) WHERE status = 'ACTIVE';
