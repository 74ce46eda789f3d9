-- An ended couple's anniversaries, plans and calendar entries now leave the read model with the couple (their
-- texts are encrypted under the couple's key, erased when it ends). Those of couples that ended before go now.
DELETE FROM file_grant
WHERE source IN (SELECT 'calendar/' || entry.entry_id
                 FROM couple_calendar_entry entry
                 JOIN couple ended ON ended.couple_id = entry.couple_id AND ended.disconnected_at IS NOT NULL);
DELETE FROM couple_anniversary
WHERE couple_id IN (SELECT couple_id FROM couple WHERE disconnected_at IS NOT NULL);
DELETE FROM couple_plan
WHERE couple_id IN (SELECT couple_id FROM couple WHERE disconnected_at IS NOT NULL);
DELETE FROM couple_calendar_entry
WHERE couple_id IN (SELECT couple_id FROM couple WHERE disconnected_at IS NOT NULL);
