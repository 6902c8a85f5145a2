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
CREATE TABLE "sla_clock" (
	"ticket_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"cycle" integer NOT NULL,
	"policy_id" uuid NOT NULL,
	"calendar_id" uuid NOT NULL,
	"target" jsonb NOT NULL,
	"warn_at_percent" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"paused_at" timestamp with time zone,
	"paused_minutes" real DEFAULT 0 NOT NULL,
	"warn_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	CONSTRAINT "sla_clock_ticket_id_metric_pk" PRIMARY KEY("ticket_id","metric")
);
--> statement-breakpoint
CREATE TABLE "sla_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"cycle" integer NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policy" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"problem_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"sla_classes" text[] DEFAULT '{}'::text[] NOT NULL,
	"priorities" text[] DEFAULT '{}'::text[] NOT NULL,
	"channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"customer_tiers" text[] DEFAULT '{}'::text[] NOT NULL,
	"calendar_id" uuid NOT NULL,
	"first_response" jsonb,
	"next_response" jsonb,
	"resolution" jsonb,
	"warn_at_percent" integer DEFAULT 80 NOT NULL,
	"raise_priority_on_breach" boolean DEFAULT true NOT NULL,
	"escalation_group_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_press" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"pressed_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_deadline" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"first_response_due_at" timestamp with time zone,
	"next_response_due_at" timestamp with time zone,
	"resolution_due_at" timestamp with time zone,
	"next_escalation_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "complaint_clock" ADD CONSTRAINT "complaint_clock_ticket_id_ticket_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."ticket"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_clock" ADD CONSTRAINT "complaint_clock_calendar_id_business_calendar_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendar"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_clock" ADD CONSTRAINT "sla_clock_ticket_id_ticket_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."ticket"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_clock" ADD CONSTRAINT "sla_clock_policy_id_sla_policy_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."sla_policy"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_clock" ADD CONSTRAINT "sla_clock_calendar_id_business_calendar_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendar"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_event" ADD CONSTRAINT "sla_event_ticket_id_ticket_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."ticket"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policy" ADD CONSTRAINT "sla_policy_calendar_id_business_calendar_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendar"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policy" ADD CONSTRAINT "sla_policy_escalation_group_id_skill_group_id_fk" FOREIGN KEY ("escalation_group_id") REFERENCES "public"."skill_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_press" ADD CONSTRAINT "ticket_press_ticket_id_ticket_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."ticket"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_deadline" ADD CONSTRAINT "ticket_deadline_ticket_id_ticket_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."ticket"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_clock_due_idx" ON "complaint_clock" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "sla_clock_policy_idx" ON "sla_clock" USING btree ("policy_id");--> statement-breakpoint
CREATE INDEX "sla_clock_calendar_running_idx" ON "sla_clock" USING btree ("calendar_id") WHERE "sla_clock"."stopped_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_event_once_idx" ON "sla_event" USING btree ("ticket_id","metric","cycle","kind");--> statement-breakpoint
CREATE INDEX "sla_event_occurred_idx" ON "sla_event" USING btree ("occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policy_name_idx" ON "sla_policy" USING btree ("name");--> statement-breakpoint
CREATE INDEX "ticket_press_ticket_idx" ON "ticket_press" USING btree ("ticket_id","pressed_at");--> statement-breakpoint
CREATE INDEX "ticket_deadline_next_escalation_idx" ON "ticket_deadline" USING btree ("next_escalation_at","ticket_id") WHERE "ticket_deadline"."next_escalation_at" is not null;--> statement-breakpoint
-- Hand-written: a policy per SLA family of the problem types, with the processing times platforms promise their
-- users (technical 4–24 h, data sync 1–3 working days, identity 1–2, disputes 3–7), and a default last.
INSERT INTO "sla_policy" ("name", "position", "sla_classes", "calendar_id", "first_response", "next_response", "resolution", "created_at", "updated_at")
SELECT p.name, p.position, p.classes::text[], c.id, p.first_response::jsonb, p.next_response::jsonb, p.resolution::jsonb, now(), now()
FROM (VALUES
  ('紧急：盗号与诈骗', 10, '{emergency}', '7×24', '{"amount":15,"unit":"working_minutes"}', '{"amount":1,"unit":"working_hours"}', '{"amount":4,"unit":"working_hours"}'),
  ('技术故障', 20, '{technical}', '7×24', '{"amount":1,"unit":"working_hours"}', '{"amount":4,"unit":"working_hours"}', '{"amount":24,"unit":"working_hours"}'),
  ('数据同步', 30, '{data_sync}', '工作日 09:00–18:00', '{"amount":2,"unit":"working_hours"}', '{"amount":8,"unit":"working_hours"}', '{"amount":3,"unit":"working_days"}'),
  ('账户与实名', 40, '{identity}', '工作日 09:00–18:00', '{"amount":2,"unit":"working_hours"}', '{"amount":8,"unit":"working_hours"}', '{"amount":2,"unit":"working_days"}'),
  ('费用与服务争议', 50, '{dispute}', '工作日 09:00–18:00', '{"amount":4,"unit":"working_hours"}', '{"amount":8,"unit":"working_hours"}', '{"amount":7,"unit":"working_days"}'),
  ('默认', 1000, '{}', '工作日 09:00–18:00', '{"amount":4,"unit":"working_hours"}', '{"amount":8,"unit":"working_hours"}', '{"amount":3,"unit":"working_days"}')
) AS p(name, position, classes, calendar, first_response, next_response, resolution)
JOIN "business_calendar" c ON c."name" = p.calendar
ON CONFLICT ("name") DO NOTHING;
