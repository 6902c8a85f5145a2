-- The audit chain is append-only for every role the app uses: changing or
-- removing an entry is refused by the database itself, not only by the code.
CREATE FUNCTION huiying_refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION huiying_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
  FOR EACH STATEMENT EXECUTE FUNCTION huiying_refuse_audit_change();
--> statement-breakpoint
-- Wake the outbox relay and the job runners on every node when rows arrive.
-- NOTIFY is delivered at commit, so a rolled-back change wakes nobody.
CREATE FUNCTION huiying_notify_outbox() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('huiying_outbox', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
  FOR EACH STATEMENT EXECUTE FUNCTION huiying_notify_outbox();
--> statement-breakpoint
CREATE FUNCTION huiying_notify_jobs() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('huiying_jobs', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER job_notify AFTER INSERT ON job
  FOR EACH STATEMENT EXECUTE FUNCTION huiying_notify_jobs();
