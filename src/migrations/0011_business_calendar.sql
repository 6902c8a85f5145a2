CREATE TABLE "business_calendar" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"always_open" boolean DEFAULT false NOT NULL,
	"working_days" integer[] NOT NULL,
	"working_hours" jsonb NOT NULL,
	"follows_public_holidays" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "business_calendar_exception" (
	"calendar_id" uuid NOT NULL,
	"date" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "business_calendar_exception_calendar_id_date_pk" PRIMARY KEY("calendar_id","date")
);
--> statement-breakpoint
CREATE TABLE "public_holiday_year" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"notice_title" text NOT NULL,
	"notice_reference" text NOT NULL,
	"notice_issued" text NOT NULL,
	"notice_url" text NOT NULL,
	"holidays" jsonb NOT NULL,
	"workdays" jsonb NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "public_holiday_year_year_key" UNIQUE("year")
);
--> statement-breakpoint
ALTER TABLE "business_calendar_exception" ADD CONSTRAINT "business_calendar_exception_calendar_id_business_calendar_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendar"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "business_calendar_name_idx" ON "business_calendar" USING btree ("name");--> statement-breakpoint
-- Hand-written: the two calendars every desk starts with, by name, so SLA policies can point at them.
INSERT INTO "business_calendar" ("name", "time_zone", "always_open", "working_days", "working_hours", "follows_public_holidays", "created_at", "updated_at")
VALUES
  ('工作日 09:00–18:00', 'Asia/Shanghai', false, '{1,2,3,4,5}', '[{"start":"09:00","end":"18:00"}]', true, now(), now()),
  ('7×24', 'Asia/Shanghai', true, '{1,2,3,4,5,6,7}', '[{"start":"00:00","end":"24:00"}]', false, now(), now())
ON CONFLICT ("name") DO NOTHING;
