-- The token store's identity row, which Axon otherwise creates on first use. Two nodes starting together on a new
-- database both try to create it, and the loser fails to start (seen with two query sides on Axon Server). Flyway
-- runs this once, under its lock, so the row is there before any node's processors start.
INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp)
VALUES ('__config', 0,
        convert_to('{"config":{"id":"' || gen_random_uuid() || '"}}', 'UTF8'),
        'org.axonframework.eventhandling.tokenstore.ConfigToken',
        to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
ON CONFLICT DO NOTHING;
