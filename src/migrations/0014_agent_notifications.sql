CREATE TABLE "agent_notification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ticket_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"source_event_id" bigint NOT NULL,
	"details" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agent_notification" ADD CONSTRAINT "agent_notification_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_notification" ADD CONSTRAINT "agent_notification_ticket_id_ticket_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."ticket"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_notification_once_idx" ON "agent_notification" USING btree ("agent_id","source_event_id");--> statement-breakpoint
CREATE INDEX "agent_notification_inbox_idx" ON "agent_notification" USING btree ("agent_id","created_at");--> statement-breakpoint
CREATE INDEX "agent_notification_unread_idx" ON "agent_notification" USING btree ("agent_id") WHERE "agent_notification"."read_at" is null;