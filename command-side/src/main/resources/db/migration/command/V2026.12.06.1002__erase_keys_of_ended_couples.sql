-- What a couple keeps is encrypted under the couple's id, whose key is erased when the couple ends. Couples that
-- ended before this change wrote their content in plain text and never had a key: a tombstone for each makes the
-- application read that content as null, like the content of couples ending from now on. Found in the event store
-- where events live in PostgreSQL; with events in Axon Server there is nothing to find (see docs/personal-data.md).
-- Services mode points tandem.personal-data.key-table at command.personal_data_key, the table this schema holds.
INSERT INTO personal_data_key (subject_id, key, created_at, erased_at)
SELECT DISTINCT aggregateidentifier, CAST(NULL AS BYTEA), now(), now()
FROM domainevententry
WHERE payloadtype LIKE '%CoupleEvents_CoupleDisconnectedEvent'
ON CONFLICT (subject_id) DO UPDATE SET key = NULL,
                                       erased_at = COALESCE(personal_data_key.erased_at, excluded.erased_at);
