-- The SLA rewrites these rows after every ticket event and when a calendar changes; room left on each page lets
-- PostgreSQL update a row in place (HOT) when no indexed column changes, without new index entries.
ALTER TABLE "sla_clock" SET (fillfactor = 80);--> statement-breakpoint
ALTER TABLE "ticket_deadline" SET (fillfactor = 80);
