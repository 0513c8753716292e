-- A partner's name and a mentor's e-mail are unique whatever their case: "Banque Populaire" and "BANQUE POPULAIRE"
-- are one partner, Leila@Example.org and leila@example.org one mentor. The value is kept as it was written; only the
-- comparison ignores case. A database that already holds two values differing only by case keeps the exact-match
-- constraint and warns in the migration's log, rather than refusing to start: rename one of them, and a later
-- migration can try again.
CREATE FUNCTION pg_temp.unique_ignoring_case(tbl text, col text, exact_constraint text, index_name text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    clash boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I GROUP BY lower(%I) HAVING count(*) > 1)', tbl, col) INTO clash;
    IF clash THEN
        RAISE WARNING '%.% holds values differing only by case; its uniqueness stays case-sensitive', tbl, col;
    ELSE
        EXECUTE format('CREATE UNIQUE INDEX %I ON %I (lower(%I))', index_name, tbl, col);
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', tbl, exact_constraint);
    END IF;
END $$;

SELECT pg_temp.unique_ignoring_case('partner', 'name', 'partner_name_key', 'partner_name_ci_key');
SELECT pg_temp.unique_ignoring_case('mentor', 'email', 'mentor_email_key', 'mentor_email_ci_key');
