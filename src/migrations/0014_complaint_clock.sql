CREATE TABLE "complaint_clock" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"calendar_id" uuid NOT NULL,
	"base_days" integer NOT NULL,
	"extensions" jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"source" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaint_clock" ADD CONSTRAINT "complaint_clock_ticket_id_ticket_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."ticket"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_clock" ADD CONSTRAINT "complaint_clock_calendar_id_business_calendar_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendar"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_clock_due_idx" ON "complaint_clock" USING btree ("due_at");