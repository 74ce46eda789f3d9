-- Dead letters as operators and their tools read them: one row per parked event, with the retry state that the
-- pipeline keeps in the letter's diagnostics (JSON, see DeadLetterDiagnostics) as columns.
CREATE VIEW dead_letter_status AS
SELECT dl.processinggroup                           AS processing_group,
       dl.sequenceidentifier                        AS sequence_identifier,
       dl.sequenceindex                             AS sequence_index,
       dl.deadletteridentifier                      AS dead_letter_identifier,
       dl.eventidentifier                           AS event_identifier,
       dl.payloadtype                               AS payload_type,
       dl.aggregateidentifier                       AS aggregate_identifier,
       dl.sequencenumber                            AS aggregate_sequence_number,
       dl.causetype                                 AS cause_type,
       dl.causemessage                              AS cause_message,
       dl.enqueuedat::timestamptz                   AS enqueued_at,
       dl.lasttouched::timestamptz                  AS last_touched,
       dl.processingstarted::timestamptz            AS processing_started,
       (d.diagnostics ->> 'retries')::integer       AS retries,
       (d.diagnostics ->> 'next_retry_at')::timestamptz AS next_retry_at,
       d.diagnostics ->> 'last_error'               AS last_error,
       d.diagnostics ->> 'state'                    AS state
FROM deadletterentry dl
         LEFT JOIN LATERAL (SELECT convert_from(dl.diagnostics, 'UTF8')::jsonb AS diagnostics) d ON true;
