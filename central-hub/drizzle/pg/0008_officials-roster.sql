CREATE TABLE "officials" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"name" text NOT NULL,
	"person_id" text,
	"active" integer DEFAULT 1 NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roster_shifts" (
	"id" text PRIMARY KEY NOT NULL,
	"official_id" text NOT NULL,
	"counter_id" text NOT NULL,
	"days" text NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	"valid_from" text,
	"valid_to" text,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "officials_centre_idx" ON "officials" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "roster_shifts_counter_idx" ON "roster_shifts" USING btree ("counter_id");--> statement-breakpoint
CREATE INDEX "roster_shifts_official_idx" ON "roster_shifts" USING btree ("official_id");