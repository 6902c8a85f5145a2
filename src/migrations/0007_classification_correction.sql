CREATE TABLE "classification_correction" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"text" text NOT NULL,
	"predicted_type" text NOT NULL,
	"predicted_confidence" real NOT NULL,
	"corrected_type" text NOT NULL,
	"corrected_by_agent_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
