CREATE TABLE `agents` (
	`agent_id` text PRIMARY KEY NOT NULL,
	`state` text DEFAULT 'unknown' NOT NULL,
	`state_at` integer DEFAULT 0 NOT NULL,
	`last_seen_at` integer DEFAULT 0 NOT NULL,
	`agent_version` text,
	`models` text,
	`counters` text,
	`config_hash` text,
	`config_version` integer,
	`started_at` integer,
	`info_at` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`incident_id` text,
	`counter_id` text NOT NULL,
	`centre_id` text,
	`person_id` text,
	`escalation_step` integer DEFAULT 0 NOT NULL,
	`dedupe_key` text NOT NULL,
	`suppressed_reason` text,
	`ack_token` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_dedupe_uq` ON `alerts` (`dedupe_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_ack_token_uq` ON `alerts` (`ack_token`);--> statement-breakpoint
CREATE INDEX `alerts_incident_idx` ON `alerts` (`incident_id`);--> statement-breakpoint
CREATE INDEX `alerts_counter_created_idx` ON `alerts` (`counter_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `alerts_person_created_idx` ON `alerts` (`person_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`details` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `centres` (
	`id` text PRIMARY KEY NOT NULL,
	`ward_id` text,
	`name` text NOT NULL,
	`address` text,
	`opening_hours` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `centres_ward_idx` ON `centres` (`ward_id`);--> statement-breakpoint
CREATE TABLE `counters` (
	`id` text PRIMARY KEY NOT NULL,
	`centre_id` text NOT NULL,
	`field` text NOT NULL,
	`name` text NOT NULL,
	`agent_id` text,
	`active` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `counters_centre_idx` ON `counters` (`centre_id`,`field`);--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`topic` text NOT NULL,
	`reason` text NOT NULL,
	`message` text NOT NULL,
	`payload` text NOT NULL,
	`payload_bytes` integer NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dead_letters_received_idx` ON `dead_letters` (`received_at`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` text PRIMARY KEY NOT NULL,
	`centre_id` text NOT NULL,
	`field` text NOT NULL,
	`name` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_centre_field_uq` ON `departments` (`centre_id`,`field`);--> statement-breakpoint
CREATE TABLE `health_latest` (
	`counter_id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`ts` integer NOT NULL,
	`camera_state` text NOT NULL,
	`fps` real NOT NULL,
	`captured_frames` integer NOT NULL,
	`dropped_frames` integer NOT NULL,
	`inference_ms` real NOT NULL,
	`degraded` integer NOT NULL,
	`outbox_pending` integer NOT NULL,
	`outbox_dropped` integer NOT NULL,
	`model_ids` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `health_samples` (
	`id` text PRIMARY KEY NOT NULL,
	`counter_id` text NOT NULL,
	`ts` integer NOT NULL,
	`camera_state` text NOT NULL,
	`fps` real NOT NULL,
	`dropped_frames` integer NOT NULL,
	`inference_ms` real NOT NULL,
	`degraded` integer NOT NULL,
	`outbox_pending` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `health_samples_counter_ts_idx` ON `health_samples` (`counter_id`,`ts`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`incident_id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`counter_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`onset` integer NOT NULL,
	`peak` real NOT NULL,
	`peak_at` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`threshold` real NOT NULL,
	`test` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`acknowledged_by` text,
	`acknowledged_at` integer,
	`ack_note` text,
	`ts` integer NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `incidents_counter_onset_idx` ON `incidents` (`counter_id`,`onset`);--> statement-breakpoint
CREATE INDEX `incidents_status_onset_idx` ON `incidents` (`status`,`onset`);--> statement-breakpoint
CREATE TABLE `message_ids` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `message_ids_received_idx` ON `message_ids` (`received_at`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`centre_id` text,
	`department_id` text,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`email` text,
	`username` text,
	`password_hash` text,
	`escalation_rank` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `people_centre_role_idx` ON `people` (`centre_id`,`role`);--> statement-breakpoint
CREATE INDEX `people_department_idx` ON `people` (`department_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `people_username_uq` ON `people` (`username`);--> statement-breakpoint
CREATE TABLE `rollup_daily` (
	`counter_id` text NOT NULL,
	`bucket_start` integer NOT NULL,
	`visits` integer DEFAULT 0 NOT NULL,
	`n_very_satisfied` integer DEFAULT 0 NOT NULL,
	`n_satisfied` integer DEFAULT 0 NOT NULL,
	`n_neutral` integer DEFAULT 0 NOT NULL,
	`n_dissatisfied` integer DEFAULT 0 NOT NULL,
	`share_very_satisfied` real DEFAULT 0 NOT NULL,
	`share_satisfied` real DEFAULT 0 NOT NULL,
	`share_neutral` real DEFAULT 0 NOT NULL,
	`share_dissatisfied` real DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`duration_ms_sum` integer DEFAULT 0 NOT NULL,
	`incidents` integer DEFAULT 0 NOT NULL,
	`acknowledged` integer DEFAULT 0 NOT NULL,
	`response_ms_sum` integer DEFAULT 0 NOT NULL,
	`week_start` integer NOT NULL,
	`month_start` integer NOT NULL,
	PRIMARY KEY(`counter_id`, `bucket_start`)
);
--> statement-breakpoint
CREATE INDEX `rollup_daily_bucket_idx` ON `rollup_daily` (`bucket_start`);--> statement-breakpoint
CREATE INDEX `rollup_daily_week_idx` ON `rollup_daily` (`week_start`,`counter_id`);--> statement-breakpoint
CREATE INDEX `rollup_daily_month_idx` ON `rollup_daily` (`month_start`,`counter_id`);--> statement-breakpoint
CREATE TABLE `rollup_hourly` (
	`counter_id` text NOT NULL,
	`bucket_start` integer NOT NULL,
	`visits` integer DEFAULT 0 NOT NULL,
	`n_very_satisfied` integer DEFAULT 0 NOT NULL,
	`n_satisfied` integer DEFAULT 0 NOT NULL,
	`n_neutral` integer DEFAULT 0 NOT NULL,
	`n_dissatisfied` integer DEFAULT 0 NOT NULL,
	`share_very_satisfied` real DEFAULT 0 NOT NULL,
	`share_satisfied` real DEFAULT 0 NOT NULL,
	`share_neutral` real DEFAULT 0 NOT NULL,
	`share_dissatisfied` real DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`duration_ms_sum` integer DEFAULT 0 NOT NULL,
	`incidents` integer DEFAULT 0 NOT NULL,
	`acknowledged` integer DEFAULT 0 NOT NULL,
	`response_ms_sum` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`counter_id`, `bucket_start`)
);
--> statement-breakpoint
CREATE TABLE `score_windows` (
	`id` text PRIMARY KEY NOT NULL,
	`counter_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`window_start` integer NOT NULL,
	`window_end` integer NOT NULL,
	`visits` integer NOT NULL,
	`observed_ms` integer NOT NULL,
	`share_very_satisfied` real NOT NULL,
	`share_satisfied` real NOT NULL,
	`share_neutral` real NOT NULL,
	`share_dissatisfied` real NOT NULL,
	`score` real
);
--> statement-breakpoint
CREATE INDEX `score_windows_counter_start_idx` ON `score_windows` (`counter_id`,`window_start`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_person_idx` ON `sessions` (`person_id`);--> statement-breakpoint
CREATE TABLE `sms_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`alert_id` text,
	`dedupe_key` text NOT NULL,
	`to_phone` text NOT NULL,
	`body` text NOT NULL,
	`encoding` text NOT NULL,
	`segments` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`claimed_at` integer,
	`provider_sid` text,
	`delivery_status` text,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`expires_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sms_outbox_dedupe_uq` ON `sms_outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `sms_outbox_status_next_idx` ON `sms_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `sms_outbox_provider_sid_idx` ON `sms_outbox` (`provider_sid`);--> statement-breakpoint
CREATE TABLE `sms_status_events` (
	`id` text PRIMARY KEY NOT NULL,
	`outbox_id` text,
	`provider_sid` text NOT NULL,
	`status` text NOT NULL,
	`error_code` text,
	`payload` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sms_status_events_sid_idx` ON `sms_status_events` (`provider_sid`);--> statement-breakpoint
CREATE TABLE `visits` (
	`visit_id` text PRIMARY KEY NOT NULL,
	`counter_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`seq` integer NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`duration_ms` integer NOT NULL,
	`frames` integer NOT NULL,
	`share_very_satisfied` real NOT NULL,
	`share_satisfied` real NOT NULL,
	`share_neutral` real NOT NULL,
	`share_dissatisfied` real NOT NULL,
	`score` real NOT NULL,
	`level` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `visits_counter_started_idx` ON `visits` (`counter_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `wards` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`district` text,
	`city` text,
	`updated_at` integer NOT NULL
);
