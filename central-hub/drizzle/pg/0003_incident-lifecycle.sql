ALTER TABLE "incidents" ADD COLUMN "episodes" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "last_seen_at" bigint;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "ended_at" bigint;