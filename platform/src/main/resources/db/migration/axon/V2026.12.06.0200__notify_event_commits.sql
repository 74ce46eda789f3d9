-- Wakes the event processors of every node on this database as soon as events are committed: each transaction
-- that appends events sends one notification on channel tandem_events (PostgreSQL sends it at commit, to every
-- session listening, and folds repeats within a transaction into one). See CommitNotifications.
CREATE FUNCTION notify_event_commit() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('tandem_events', TG_TABLE_SCHEMA);
    RETURN NULL;
END
$$;

CREATE TRIGGER domainevententry_notify_commit
    AFTER INSERT ON domainevententry
    FOR EACH STATEMENT EXECUTE FUNCTION notify_event_commit();
