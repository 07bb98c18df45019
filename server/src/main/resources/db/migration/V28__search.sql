-- Search over messages, tickets, contacts and companies, in English and Chinese, inside
-- PostgreSQL. A text becomes search terms: its Latin letter and digit words in lower case, and the
-- overlapping two-character pieces of every run of CJK characters (a run of one character stays
-- itself). A query is turned into terms by the same function, so "退款" finds 我想申请退款可以吗;
-- the index narrows the rows by terms and the query then checks the exact text.
-- pg_trgm and btree_gin are trusted extensions: the database owner may create them (an
-- installation's own PostgreSQL needs its contrib package, as Debian's postgresql-NN has).

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- Terms are capped at 64 characters so that no pasted blob can make an index entry too large.
CREATE FUNCTION search_terms(body text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT coalesce(array_agg(DISTINCT term), '{}'::text[])
FROM (
    SELECT left(word[1], 64) AS term
    FROM regexp_matches(lower(body), '[a-z0-9]+', 'g') AS word
    UNION ALL
    SELECT substr(run[1], i, 2)
    FROM regexp_matches(body,
             '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+', 'g') AS run,
         generate_series(1, greatest(length(run[1]) - 1, 1)) AS i
) terms
$$;

-- A contact's searchable text: names, addresses and numbers in one string.
CREATE FUNCTION contact_search_text(name text, email text, phone text, other_emails text[],
                                    other_phones text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT lower(concat_ws(' ', name, email, phone, array_to_string(other_emails, ' '),
                       array_to_string(other_phones, ' ')))
$$;

-- Messages: terms and time in one GIN index (btree_gin), so a word with a date range is one scan.
CREATE INDEX messages_search ON messages USING gin (search_terms(body), created_at);

-- Tickets: the thread's entries and the subject.
CREATE INDEX ticket_entries_search ON ticket_entries USING gin (search_terms(body), created_at);
CREATE INDEX tickets_search ON tickets USING gin (search_terms(subject));

-- Contacts and companies: trigrams for three or more characters (parts of names, addresses and
-- numbers), terms for one or two Chinese characters and short words.
CREATE INDEX contacts_search_trgm ON contacts USING gin (
    contact_search_text(name, email, phone, other_emails, other_phones) gin_trgm_ops);
CREATE INDEX contacts_search_terms ON contacts USING gin (
    search_terms(contact_search_text(name, email, phone, other_emails, other_phones)));
CREATE INDEX companies_search_trgm ON companies USING gin (
    lower(name || ' ' || coalesce(domain, '')) gin_trgm_ops);
CREATE INDEX companies_search_terms ON companies USING gin (
    search_terms(lower(name || ' ' || coalesce(domain, ''))));
