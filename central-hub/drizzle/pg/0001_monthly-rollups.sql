CREATE TABLE "rollup_monthly" (
	"counter_id" text NOT NULL,
	"bucket_start" bigint NOT NULL,
	"visits" integer DEFAULT 0 NOT NULL,
	"n_very_satisfied" integer DEFAULT 0 NOT NULL,
	"n_satisfied" integer DEFAULT 0 NOT NULL,
	"n_neutral" integer DEFAULT 0 NOT NULL,
	"n_dissatisfied" integer DEFAULT 0 NOT NULL,
	"share_very_satisfied" double precision DEFAULT 0 NOT NULL,
	"share_satisfied" double precision DEFAULT 0 NOT NULL,
	"share_neutral" double precision DEFAULT 0 NOT NULL,
	"share_dissatisfied" double precision DEFAULT 0 NOT NULL,
	"score_sum" double precision DEFAULT 0 NOT NULL,
	"duration_ms_sum" bigint DEFAULT 0 NOT NULL,
	"incidents" integer DEFAULT 0 NOT NULL,
	"acknowledged" integer DEFAULT 0 NOT NULL,
	"response_ms_sum" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "rollup_monthly_counter_id_bucket_start_pk" PRIMARY KEY("counter_id","bucket_start")
);
--> statement-breakpoint
CREATE INDEX "rollup_monthly_bucket_idx" ON "rollup_monthly" USING btree ("bucket_start");--> statement-breakpoint
-- Backfill from the daily rows of a database that already holds data (written by hand; the table above is generated).
INSERT INTO "rollup_monthly" ("counter_id", "bucket_start", "visits", "n_very_satisfied", "n_satisfied", "n_neutral", "n_dissatisfied", "share_very_satisfied", "share_satisfied", "share_neutral", "share_dissatisfied", "score_sum", "duration_ms_sum", "incidents", "acknowledged", "response_ms_sum")
SELECT "counter_id", "month_start", SUM("visits"), SUM("n_very_satisfied"), SUM("n_satisfied"), SUM("n_neutral"), SUM("n_dissatisfied"), SUM("share_very_satisfied"), SUM("share_satisfied"), SUM("share_neutral"), SUM("share_dissatisfied"), SUM("score_sum"), SUM("duration_ms_sum"), SUM("incidents"), SUM("acknowledged"), SUM("response_ms_sum")
FROM "rollup_daily" GROUP BY "counter_id", "month_start";
