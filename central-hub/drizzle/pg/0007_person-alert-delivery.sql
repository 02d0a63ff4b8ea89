ALTER TABLE "people" ADD COLUMN "alert_delivery" text DEFAULT 'sms' NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "digest_hour" integer DEFAULT 17 NOT NULL;