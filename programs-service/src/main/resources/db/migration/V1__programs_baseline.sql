-- programs-service's own schema starts here; the platform tables (outbox, inbox, idempotency keys)
-- come from db/platform. Programmes, cohorts and enrolments arrive with their issue.
SELECT 1;
