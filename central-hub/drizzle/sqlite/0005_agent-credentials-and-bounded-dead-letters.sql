CREATE TABLE `agent_credentials` (
	`agent_id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`issued_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `dead_letters` ADD `payload_sha256` text;