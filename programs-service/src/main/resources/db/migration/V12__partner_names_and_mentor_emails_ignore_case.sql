-- A partner's name and a mentor's e-mail are unique whatever their case: "Banque Populaire" and "BANQUE POPULAIRE"
-- are one partner, Leila@Example.org and leila@example.org one mentor. The value is kept as it was written; only the
-- comparison ignores case. A database that already holds two values differing only by case keeps the exact-match
-- constraint and warns in the migration's log, rather than refusing to start: rename one of them, and a later
-- migration can try again.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM partner GROUP BY lower(name) HAVING count(*) > 1) THEN
        RAISE WARNING 'partner names differing only by case exist; their uniqueness stays case-sensitive';
    ELSE
        CREATE UNIQUE INDEX partner_name_ci_key ON partner (lower(name));
        ALTER TABLE partner DROP CONSTRAINT partner_name_key;
    END IF;
    IF EXISTS (SELECT 1 FROM mentor GROUP BY lower(email) HAVING count(*) > 1) THEN
        RAISE WARNING 'mentor e-mails differing only by case exist; their uniqueness stays case-sensitive';
    ELSE
        CREATE UNIQUE INDEX mentor_email_ci_key ON mentor (lower(email));
        ALTER TABLE mentor DROP CONSTRAINT mentor_email_key;
    END IF;
END $$;
