/**
 * The hub's storage schema, described once and expressed for SQLite (schema-sqlite.ts) and PostgreSQL
 * (schema-pg.ts). Portable on purpose: snake_case names, integer epoch-ms times ("time": bigint in pg),
 * booleans as 0/1 integers, JSON as text, no foreign keys (ingest must store data for counters the
 * directory does not know yet; the directory service checks references).
 */
export type ColumnType = "text" | "int" | "time" | "real" | "bool" | "json";

export interface ColumnSpec {
  type: ColumnType;
  notNull?: boolean;
  default?: number | string;
}

export interface IndexSpec {
  name: string;
  columns: string[];
  unique?: boolean;
}

export interface TableSpec {
  columns: Record<string, ColumnSpec>;
  primaryKey: string[];
  indexes?: IndexSpec[];
}

const req = (type: ColumnType, dflt?: number | string): ColumnSpec =>
  dflt === undefined ? { type, notNull: true } : { type, notNull: true, default: dflt };
const opt = (type: ColumnType): ColumnSpec => ({ type });

const levelCounts = {
  n_very_satisfied: req("int", 0),
  n_satisfied: req("int", 0),
  n_neutral: req("int", 0),
  n_dissatisfied: req("int", 0),
  share_very_satisfied: req("real", 0),
  share_satisfied: req("real", 0),
  share_neutral: req("real", 0),
  share_dissatisfied: req("real", 0),
};

const rollupColumns = {
  counter_id: req("text"),
  bucket_start: req("time"),
  visits: req("int", 0),
  ...levelCounts,
  score_sum: req("real", 0),
  duration_ms_sum: req("time", 0),
  incidents: req("int", 0),
  acknowledged: req("int", 0),
  response_ms_sum: req("time", 0),
};

export const TABLES = {
  // ---- directory ----
  wards: {
    columns: { id: req("text"), name: req("text"), district: opt("text"), city: opt("text"), updated_at: req("time") },
    primaryKey: ["id"],
  },
  centres: {
    columns: {
      id: req("text"),
      ward_id: opt("text"),
      name: req("text"),
      address: opt("text"),
      opening_hours: req("json"),
      updated_at: req("time"),
    },
    primaryKey: ["id"],
    indexes: [{ name: "centres_ward_idx", columns: ["ward_id"] }],
  },
  departments: {
    columns: {
      id: req("text"),
      centre_id: req("text"),
      field: req("text"),
      name: req("text"),
      updated_at: req("time"),
    },
    primaryKey: ["id"],
    indexes: [{ name: "departments_centre_field_uq", columns: ["centre_id", "field"], unique: true }],
  },
  counters: {
    columns: {
      id: req("text"),
      centre_id: req("text"),
      field: req("text"),
      name: req("text"),
      agent_id: opt("text"),
      active: req("bool", 1),
      updated_at: req("time"),
    },
    primaryKey: ["id"],
    indexes: [{ name: "counters_centre_idx", columns: ["centre_id", "field"] }],
  },
  people: {
    columns: {
      id: req("text"),
      centre_id: opt("text"),
      department_id: opt("text"),
      role: req("text"),
      name: req("text"),
      phone: opt("text"),
      email: opt("text"),
      username: opt("text"),
      password_hash: opt("text"),
      escalation_rank: req("int", 0),
      active: req("bool", 1),
      updated_at: req("time"),
      // sms | digest | both, and the local hour of the daily digest
      alert_delivery: req("text", "sms"),
      digest_hour: req("int", 17),
    },
    primaryKey: ["id"],
    indexes: [
      { name: "people_centre_role_idx", columns: ["centre_id", "role"] },
      { name: "people_department_idx", columns: ["department_id"] },
      { name: "people_username_uq", columns: ["username"], unique: true },
    ],
  },
  // Officials (cán bộ) and the roster of who serves at which counter in which shift; visits and incidents are
  // attributed to the official on duty when figures are read (no column on visits).
  officials: {
    columns: {
      id: req("text"),
      centre_id: req("text"),
      name: req("text"),
      person_id: opt("text"),
      active: req("bool", 1),
      updated_at: req("time"),
    },
    primaryKey: ["id"],
    indexes: [{ name: "officials_centre_idx", columns: ["centre_id"] }],
  },
  roster_shifts: {
    columns: {
      id: req("text"),
      official_id: req("text"),
      counter_id: req("text"),
      days: req("json"),
      start_minute: req("int"),
      end_minute: req("int"),
      valid_from: opt("text"),
      valid_to: opt("text"),
      updated_at: req("time"),
    },
    primaryKey: ["id"],
    indexes: [
      { name: "roster_shifts_counter_idx", columns: ["counter_id"] },
      { name: "roster_shifts_official_idx", columns: ["official_id"] },
    ],
  },
  // ---- agents ----
  agents: {
    columns: {
      agent_id: req("text"),
      state: req("text", "unknown"),
      state_at: req("time", 0),
      last_seen_at: req("time", 0),
      agent_version: opt("text"),
      models: opt("json"),
      counters: opt("json"),
      config_hash: opt("text"),
      config_version: opt("int"),
      started_at: opt("time"),
      info_at: req("time", 0),
    },
    primaryKey: ["agent_id"],
  },
  // ---- ingest ----
  message_ids: {
    columns: { id: req("text"), kind: req("text"), received_at: req("time") },
    primaryKey: ["id"],
    indexes: [{ name: "message_ids_received_idx", columns: ["received_at"] }],
  },
  visits: {
    columns: {
      visit_id: req("text"),
      counter_id: req("text"),
      agent_id: req("text"),
      seq: req("int"),
      status: req("text"),
      started_at: req("time"),
      ended_at: opt("time"),
      duration_ms: req("time"),
      frames: req("int"),
      share_very_satisfied: req("real"),
      share_satisfied: req("real"),
      share_neutral: req("real"),
      share_dissatisfied: req("real"),
      score: req("real"),
      level: req("text"),
      updated_at: req("time"),
    },
    primaryKey: ["visit_id"],
    indexes: [{ name: "visits_counter_started_idx", columns: ["counter_id", "started_at"] }],
  },
  incidents: {
    columns: {
      incident_id: req("text"),
      visit_id: req("text"),
      counter_id: req("text"),
      agent_id: req("text"),
      onset: req("time"),
      peak: req("real"),
      peak_at: req("time"),
      duration_ms: req("time"),
      threshold: req("real"),
      test: req("bool", 0),
      status: req("text", "open"),
      acknowledged_by: opt("text"),
      acknowledged_at: opt("time"),
      ack_note: opt("text"),
      ts: req("time"),
      received_at: req("time"),
      // Incident lifecycle (protocol v2): one incident per dissatisfied visit, updated while the visit lasts.
      episodes: req("int", 1),
      last_seen_at: opt("time"),
      ended_at: opt("time"),
      // Triage: what the person who acknowledged found (handled / false-alarm / no-action).
      outcome: opt("text"),
      // Feedback loop: the expression model the agent ran when the incident was stored (false-alarm rate per model).
      model_id: opt("text"),
    },
    primaryKey: ["incident_id"],
    indexes: [
      { name: "incidents_counter_onset_idx", columns: ["counter_id", "onset"] },
      { name: "incidents_status_onset_idx", columns: ["status", "onset"] },
      // a visit with an incident counts as dissatisfied (aggregation/visit-levels.ts)
      { name: "incidents_visit_idx", columns: ["visit_id"] },
    ],
  },
  score_windows: {
    columns: {
      id: req("text"),
      counter_id: req("text"),
      agent_id: req("text"),
      window_start: req("time"),
      window_end: req("time"),
      visits: req("int"),
      observed_ms: req("time"),
      share_very_satisfied: req("real"),
      share_satisfied: req("real"),
      share_neutral: req("real"),
      share_dissatisfied: req("real"),
      score: opt("real"),
    },
    primaryKey: ["id"],
    indexes: [{ name: "score_windows_counter_start_idx", columns: ["counter_id", "window_start"] }],
  },
  health_latest: {
    columns: {
      counter_id: req("text"),
      agent_id: req("text"),
      ts: req("time"),
      camera_state: req("text"),
      fps: req("real"),
      captured_frames: req("int"),
      dropped_frames: req("int"),
      inference_ms: req("real"),
      degraded: req("bool"),
      outbox_pending: req("int"),
      outbox_dropped: req("int"),
      model_ids: req("json"),
    },
    primaryKey: ["counter_id"],
  },
  health_samples: {
    columns: {
      id: req("text"),
      counter_id: req("text"),
      ts: req("time"),
      camera_state: req("text"),
      fps: req("real"),
      dropped_frames: req("int"),
      inference_ms: req("real"),
      degraded: req("bool"),
      outbox_pending: req("int"),
    },
    primaryKey: ["id"],
    indexes: [{ name: "health_samples_counter_ts_idx", columns: ["counter_id", "ts"] }],
  },
  dead_letters: {
    columns: {
      id: req("text"),
      topic: req("text"),
      reason: req("text"),
      message: req("text"),
      payload: req("text"),
      payload_bytes: req("int"),
      payload_sha256: opt("text"),
      received_at: req("time"),
    },
    primaryKey: ["id"],
    indexes: [{ name: "dead_letters_received_idx", columns: ["received_at"] }],
  },
  // MQTT login of each agent on the embedded broker (username = agent id); only an argon2 hash is kept.
  agent_credentials: {
    columns: { agent_id: req("text"), secret_hash: req("text"), issued_at: req("time") },
    primaryKey: ["agent_id"],
  },
  // ---- aggregation (hourly, local-day and local-month buckets; see aggregation/buckets.ts) ----
  rollup_hourly: { columns: rollupColumns, primaryKey: ["counter_id", "bucket_start"] },
  rollup_daily: {
    columns: { ...rollupColumns, week_start: req("time"), month_start: req("time") },
    primaryKey: ["counter_id", "bucket_start"],
    indexes: [
      { name: "rollup_daily_bucket_idx", columns: ["bucket_start"] },
      { name: "rollup_daily_week_idx", columns: ["week_start", "counter_id"] },
      { name: "rollup_daily_month_idx", columns: ["month_start", "counter_id"] },
    ],
  },
  // Local-month rows: a year's dashboard reads 12 rows per counter instead of 365.
  rollup_monthly: {
    columns: rollupColumns,
    primaryKey: ["counter_id", "bucket_start"],
    indexes: [{ name: "rollup_monthly_bucket_idx", columns: ["bucket_start"] }],
  },
  // ---- API ----
  audit_log: {
    columns: {
      id: req("text"),
      actor: req("text"),
      action: req("text"),
      target: opt("text"),
      details: opt("json"),
      at: req("time"),
    },
    primaryKey: ["id"],
    indexes: [{ name: "audit_log_at_idx", columns: ["at"] }],
  },
  sessions: {
    columns: {
      id: req("text"),
      person_id: req("text"),
      csrf_token: req("text"),
      created_at: req("time"),
      expires_at: req("time"),
    },
    primaryKey: ["id"],
    indexes: [{ name: "sessions_person_idx", columns: ["person_id"] }],
  },
  // ==== alerts / SMS (owned by the alerts/SMS engineer; adjust freely) ====
  // One row per alert decision: an SMS to one person for one incident step, an offline/recovered notice,
  // or (person_id null, suppressed_reason set) an incident that was recorded without an SMS.
  alerts: {
    columns: {
      id: req("text"),
      kind: req("text"),
      incident_id: opt("text"),
      counter_id: req("text"),
      centre_id: opt("text"),
      person_id: opt("text"),
      escalation_step: req("int", 0),
      dedupe_key: req("text"),
      suppressed_reason: opt("text"),
      ack_token: opt("text"),
      created_at: req("time"),
    },
    primaryKey: ["id"],
    indexes: [
      { name: "alerts_dedupe_uq", columns: ["dedupe_key"], unique: true },
      { name: "alerts_ack_token_uq", columns: ["ack_token"], unique: true },
      { name: "alerts_incident_idx", columns: ["incident_id"] },
      { name: "alerts_counter_created_idx", columns: ["counter_id", "created_at"] },
      { name: "alerts_person_created_idx", columns: ["person_id", "created_at"] },
    ],
  },
  sms_outbox: {
    columns: {
      id: req("text"),
      alert_id: opt("text"),
      dedupe_key: req("text"),
      to_phone: req("text"),
      body: req("text"),
      encoding: req("text"),
      segments: req("int"),
      status: req("text"),
      attempts: req("int", 0),
      next_attempt_at: req("time"),
      lease_until: opt("time"),
      claimed_at: opt("time"),
      provider_sid: opt("text"),
      delivery_status: opt("text"),
      last_error: opt("text"),
      created_at: req("time"),
      sent_at: opt("time"),
      expires_at: req("time"),
      updated_at: req("time"),
    },
    primaryKey: ["id"],
    indexes: [
      { name: "sms_outbox_dedupe_uq", columns: ["dedupe_key"], unique: true },
      { name: "sms_outbox_status_next_idx", columns: ["status", "next_attempt_at"] },
      { name: "sms_outbox_provider_sid_idx", columns: ["provider_sid"] },
    ],
  },
  sms_status_events: {
    columns: {
      id: req("text"),
      outbox_id: opt("text"),
      provider_sid: req("text"),
      status: req("text"),
      error_code: opt("text"),
      payload: opt("json"),
      received_at: req("time"),
    },
    primaryKey: ["id"],
    indexes: [{ name: "sms_status_events_sid_idx", columns: ["provider_sid"] }],
  },
  // Liveness per counter as the alert monitor last decided it, so an outage announced before a hub restart
  // (or by another hub) still gets its one "recovered" notice.
  counter_liveness: {
    columns: {
      counter_id: req("text"),
      online: req("bool"),
      since: req("time"),
      offline_alerted: req("bool", 0),
      updated_at: req("time"),
    },
    primaryKey: ["counter_id"],
  },
  // ==== end alerts / SMS ====
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;
