-- The failure's fingerprint, by which the operations console groups dead letters: the cause type and the top frame
-- the pipeline keeps in the diagnostics (DeadLetterDiagnostics.TOP_FRAME), hashed to 12 hex digits. Letters parked
-- before the top frame was kept group by their cause type alone; letters queued behind the first of their sequence
-- have no cause and no fingerprint.
CREATE OR REPLACE VIEW dead_letter_status AS
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
       d.diagnostics ->> 'state'                    AS state,
       d.diagnostics ->> 'top_frame'                AS top_frame,
       CASE WHEN dl.causetype IS NOT NULL
            THEN left(md5(dl.causetype || '|' || coalesce(d.diagnostics ->> 'top_frame', '')), 12)
       END                                          AS fingerprint,
       dl.type                                      AS aggregate_type
FROM deadletterentry dl
         LEFT JOIN LATERAL (SELECT convert_from(dl.diagnostics, 'UTF8')::jsonb AS diagnostics) d ON true;
