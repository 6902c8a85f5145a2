-- The list sorts by updated_at DESC (NULLS FIRST by default); indexes declared DESC NULLS LAST
-- could not serve that order, so PostgreSQL sorted every ticket. Plain ascending indexes are
-- scanned backwards for DESC and serve both directions.
DROP INDEX "ticket_updated_idx";--> statement-breakpoint
DROP INDEX "ticket_created_idx";--> statement-breakpoint
DROP INDEX "ticket_group_status_updated_idx";--> statement-breakpoint
DROP INDEX "ticket_status_updated_idx";--> statement-breakpoint
DROP INDEX "ticket_assignee_updated_idx";--> statement-breakpoint
DROP INDEX "ticket_customer_idx";--> statement-breakpoint
CREATE INDEX "ticket_updated_idx" ON "ticket" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "ticket_created_idx" ON "ticket" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "ticket_group_status_updated_idx" ON "ticket" USING btree ("group_id","status","updated_at","id");--> statement-breakpoint
CREATE INDEX "ticket_status_updated_idx" ON "ticket" USING btree ("status","updated_at","id");--> statement-breakpoint
CREATE INDEX "ticket_assignee_updated_idx" ON "ticket" USING btree ("assignee_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "ticket_customer_idx" ON "ticket" USING btree ("customer_id","updated_at");