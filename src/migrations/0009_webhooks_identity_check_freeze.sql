CREATE TABLE "freeze_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"requested_by" text NOT NULL,
	"requested_by_agent_id" uuid,
	"state" text NOT NULL,
	"platform_reference" text,
	"outcome" text,
	"delivery_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_check" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"requested_by" text NOT NULL,
	"requested_by_agent_id" uuid,
	"result" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_attempt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"status_code" integer,
	"duration_ms" integer NOT NULL,
	"error" text,
	"attempted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_delivery" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"body" text,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status_code" integer,
	"last_duration_ms" integer,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoint" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"purposes" text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ticket" ADD COLUMN "fraud_flagged" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "freeze_request" ADD CONSTRAINT "freeze_request_ticket_id_ticket_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."ticket"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "freeze_request" ADD CONSTRAINT "freeze_request_requested_by_agent_id_agent_id_fk" FOREIGN KEY ("requested_by_agent_id") REFERENCES "public"."agent"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "freeze_request" ADD CONSTRAINT "freeze_request_delivery_id_webhook_delivery_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_delivery"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_check" ADD CONSTRAINT "identity_check_ticket_id_ticket_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."ticket"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_check" ADD CONSTRAINT "identity_check_customer_id_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customer"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_check" ADD CONSTRAINT "identity_check_requested_by_agent_id_agent_id_fk" FOREIGN KEY ("requested_by_agent_id") REFERENCES "public"."agent"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempt" ADD CONSTRAINT "webhook_attempt_delivery_id_webhook_delivery_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_delivery"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_endpoint_id_webhook_endpoint_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoint"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "freeze_request_ticket_idx" ON "freeze_request" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "freeze_request_open_idx" ON "freeze_request" USING btree ("ticket_id") WHERE "freeze_request"."state" in ('requested', 'sent');--> statement-breakpoint
CREATE INDEX "identity_check_ticket_idx" ON "identity_check" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "identity_check_customer_idx" ON "identity_check" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_attempt_delivery_idx" ON "webhook_attempt" USING btree ("delivery_id","attempt");--> statement-breakpoint
CREATE INDEX "webhook_delivery_endpoint_idx" ON "webhook_delivery" USING btree ("endpoint_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_delivery_subject_idx" ON "webhook_delivery" USING btree ("subject_type","subject_id");--> statement-breakpoint
-- Hand-written: the round-the-clock emergency group, and suspected theft routed to it by default.
INSERT INTO "skill_group" ("name", "description", "is_default", "created_at")
VALUES ('7×24 应急组', '盗号、未授权交易与紧急冻结，全天候值守 / Account theft, unauthorised transactions and emergency freezes, staffed around the clock', false, now())
ON CONFLICT ("name") DO NOTHING;--> statement-breakpoint
UPDATE "problem_type" SET "default_group_id" = (SELECT "id" FROM "skill_group" WHERE "name" = '7×24 应急组'), "updated_at" = now()
WHERE "code" = 'suspected_theft' AND "default_group_id" IS NULL;
