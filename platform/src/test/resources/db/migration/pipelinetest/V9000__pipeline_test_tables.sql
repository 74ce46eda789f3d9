-- Tables of EventPipelineTest's projection and saga.
CREATE TABLE pipeline_note (
    id   VARCHAR(64) PRIMARY KEY,
    text TEXT        NOT NULL
);
CREATE TABLE pipeline_note_log (
    id   VARCHAR(64) NOT NULL,
    text TEXT        NOT NULL
);
CREATE TABLE pipeline_saga_log (
    id   VARCHAR(64) NOT NULL,
    text TEXT        NOT NULL
);
