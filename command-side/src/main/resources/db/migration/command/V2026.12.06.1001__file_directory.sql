-- Every user's live files and their sizes: what the storage quota adds up, under a per-owner lock in the unit of
-- work that registers a file, and what an erasure deletes. Files uploaded before this change are entered from the
-- event store where events live in PostgreSQL; with events in Axon Server they are not (see docs/personal-data.md).
CREATE TABLE file_directory (
    file_id  VARCHAR(36) PRIMARY KEY,
    owner_id VARCHAR(64) NOT NULL,
    size     BIGINT      NOT NULL
);
CREATE INDEX file_directory_owner ON file_directory (owner_id);

INSERT INTO file_directory (file_id, owner_id, size)
SELECT registered.aggregateidentifier, registered.file ->> 'ownerId', (registered.file ->> 'size')::BIGINT
FROM (SELECT aggregateidentifier, convert_from(payload, 'UTF8')::jsonb AS file
      FROM domainevententry
      WHERE payloadtype LIKE '%FileEvents_FileRegisteredEvent') registered
WHERE NOT EXISTS (SELECT 1 FROM domainevententry deleted
                  WHERE deleted.aggregateidentifier = registered.aggregateidentifier
                    AND deleted.payloadtype LIKE '%FileEvents_FileDeletedEvent');
