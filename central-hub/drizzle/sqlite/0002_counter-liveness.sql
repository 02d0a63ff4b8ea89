CREATE TABLE `counter_liveness` (
	`counter_id` text PRIMARY KEY NOT NULL,
	`online` integer NOT NULL,
	`since` integer NOT NULL,
	`offline_alerted` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
