ALTER TABLE `people` ADD `alert_delivery` text DEFAULT 'sms' NOT NULL;--> statement-breakpoint
ALTER TABLE `people` ADD `digest_hour` integer DEFAULT 17 NOT NULL;