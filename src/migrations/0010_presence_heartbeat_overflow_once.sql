CREATE TABLE "ticket_overflow" (
	"ticket_id" uuid NOT NULL,
	"from_group_id" uuid NOT NULL,
	"to_group_id" uuid NOT NULL,
	"overflowed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ticket_overflow_ticket_id_from_group_id_pk" PRIMARY KEY("ticket_id","from_group_id")
);
--> statement-breakpoint
ALTER TABLE "agent_presence" ADD COLUMN "last_seen_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_overflow" ADD CONSTRAINT "ticket_overflow_from_group_id_skill_group_id_fk" FOREIGN KEY ("from_group_id") REFERENCES "public"."skill_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_overflow" ADD CONSTRAINT "ticket_overflow_to_group_id_skill_group_id_fk" FOREIGN KEY ("to_group_id") REFERENCES "public"."skill_group"("id") ON DELETE no action ON UPDATE no action;