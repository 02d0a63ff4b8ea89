CREATE TABLE "agent_credentials" (
	"agent_id" text PRIMARY KEY NOT NULL,
	"secret_hash" text NOT NULL,
	"issued_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dead_letters" ADD COLUMN "payload_sha256" text;