CREATE TABLE "agent_presence" (
	"agent_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_routing_profile" (
	"agent_id" uuid PRIMARY KEY NOT NULL,
	"languages" text[] DEFAULT '{zh-CN}'::text[] NOT NULL,
	"max_open_tickets" integer DEFAULT 20 NOT NULL,
	"max_concurrent_chats" integer DEFAULT 3 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_routing" (
	"group_id" uuid PRIMARY KEY NOT NULL,
	"strategy" text DEFAULT 'least_loaded' NOT NULL,
	"round_robin_cursor" uuid,
	"overflow_group_id" uuid,
	"overflow_after_minutes" integer,
	"required_language" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_presence" ADD CONSTRAINT "agent_presence_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_routing_profile" ADD CONSTRAINT "agent_routing_profile_agent_id_agent_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agent"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_routing" ADD CONSTRAINT "group_routing_group_id_skill_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."skill_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_routing" ADD CONSTRAINT "group_routing_round_robin_cursor_agent_id_fk" FOREIGN KEY ("round_robin_cursor") REFERENCES "public"."agent"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_routing" ADD CONSTRAINT "group_routing_overflow_group_id_skill_group_id_fk" FOREIGN KEY ("overflow_group_id") REFERENCES "public"."skill_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_routing_queue_idx" ON "ticket" USING btree ("group_id","created_at") WHERE "ticket"."assignee_id" is null;