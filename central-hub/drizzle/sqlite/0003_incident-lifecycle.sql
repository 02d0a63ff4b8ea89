ALTER TABLE `incidents` ADD `episodes` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `last_seen_at` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `ended_at` integer;