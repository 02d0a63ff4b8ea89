import { MqttTlsSchema } from "@hailong/common";
import { DEFAULT_MAX_BATCH } from "@hailong/models";
import { CounterTuningSchema, DEFAULT_BASE_TOPIC, DEFAULT_COUNTER_TUNING, IdSchema } from "@hailong/protocol";
import { z } from "zod";
import { DEFAULT_VISIT_BASELINE } from "../scoring/visit-baseline.js";

/** Where frames come from. Only the newest frame is ever kept in memory. */
/** HTTP sources' JPEG decode width (sharp shrinks while decoding). */
const JpegDecodeWidthSchema = z
  .number()
  .int()
  .min(0)
  .default(0)
  .describe("decode JPEGs at most this wide, shrinking while decoding (0: the camera's size)");

export const CameraSourceSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("ffmpeg"),
      url: z.string().min(1).describe("RTSP/HTTP stream URL or video file path, decoded by the ffmpeg binary"),
      fps: z.number().positive().max(30).default(10).describe("frames per second to sample"),
      loop: z.boolean().default(false).describe("restart a video file when it ends (demos)"),
      realtime: z
        .boolean()
        .default(true)
        .describe("read files at native speed and keep only the newest frame; false: every frame (replay)"),
      width: z
        .number()
        .int()
        .min(0)
        .default(0)
        .describe("ffmpeg scales frames to this width before the agent sees them (0: the stream's size)"),
    })
    .strict(),
  z
    .object({
      type: z.literal("mjpeg"),
      url: z.string().url().describe("HTTP multipart MJPEG stream"),
      width: JpegDecodeWidthSchema,
    })
    .strict(),
  z
    .object({
      type: z.literal("snapshot"),
      url: z.string().url().describe("HTTP URL returning one JPEG per request"),
      intervalMs: z.number().int().min(50).default(200),
      width: JpegDecodeWidthSchema,
    })
    .strict(),
  z
    .object({
      type: z.literal("folder"),
      dir: z.string().min(1).describe("folder of images played in file-name order"),
      fps: z.number().positive().max(60).default(5),
      loop: z.boolean().default(false),
      holdLastMs: z.number().int().min(0).default(0).describe("keep repeating the last image this long before ending"),
      realtime: z
        .boolean()
        .default(true)
        .describe("pace frames on the wall clock (live demo); false: as fast as analysed, no drops (replay, tests)"),
    })
    .strict(),
]);
export type CameraSource = z.infer<typeof CameraSourceSchema>;

export const VisitBaselineSchema = z
  .object({
    windowMs: z
      .number()
      .int()
      .min(0)
      .default(DEFAULT_VISIT_BASELINE.windowMs)
      .describe("opening stretch of a visit whose median P(dissatisfied) is the citizen's baseline"),
    liftWeight: z
      .number()
      .min(0)
      .max(4)
      .default(DEFAULT_VISIT_BASELINE.liftWeight)
      .describe("log-odds added per log-odds of rise over the baseline; 0 = absolute probability only"),
    floor: z
      .number()
      .min(0.001)
      .max(0.5)
      .default(DEFAULT_VISIT_BASELINE.floor)
      .describe("lowest baseline used, so a near-zero opening does not turn small flickers into large rises"),
  })
  .strict();

export const CounterConfigSchema = z
  .object({
    id: IdSchema.describe("counter id, e.g. q7-hotich-1; a topic level"),
    camera: CameraSourceSchema,
    tuning: CounterTuningSchema.partial()
      .strict()
      .default({})
      .transform((t) => ({ ...DEFAULT_COUNTER_TUNING, ...t }))
      .describe("ROI, min face size and incident thresholds; remotely pushable"),
    visit: z
      .object({
        startFrames: z.number().int().min(1).default(3).describe("frames a face must be seen before a visit starts"),
        endAfterMs: z.number().int().min(100).default(4000).describe("a visit ends when its face is gone this long"),
        updateEveryMs: z.number().int().min(500).default(5000).describe("period of visit update events"),
      })
      .strict()
      .default({ startFrames: 3, endAfterMs: 4000, updateEveryMs: 5000 }),
    scoring: z
      .object({
        emaHalfLifeMs: z.number().int().min(0).default(600).describe("half-life of the expression smoothing"),
        hysteresis: z
          .number()
          .min(0)
          .max(0.5)
          .default(0.05)
          .describe("margin before the displayed level changes, as a fraction of the 0..100 score scale"),
        incidentHysteresis: z
          .number()
          .min(0)
          .max(0.5)
          .default(0.1)
          .describe("an incident re-arms only after P(dissatisfied) drops below threshold minus this..."),
        incidentRearmMs: z.number().int().min(0).default(1500).describe("...for this long"),
        incidentNewAfterMs: z
          .number()
          .int()
          .min(0)
          .default(600_000)
          .describe(
            "one incident per visit: renewed dissatisfaction updates it, unless the citizen looked satisfied for this long (then a new incident)",
          ),
        visitBaseline: VisitBaselineSchema.default(DEFAULT_VISIT_BASELINE).describe(
          "score an incident also on the rise over the citizen's own first seconds of the visit (docs/visit-baseline.md)",
        ),
      })
      .strict()
      .default({
        emaHalfLifeMs: 600,
        hysteresis: 0.05,
        incidentHysteresis: 0.1,
        incidentRearmMs: 1500,
        incidentNewAfterMs: 600_000,
        visitBaseline: DEFAULT_VISIT_BASELINE,
      }),
  })
  .strict();
export type CounterConfig = z.infer<typeof CounterConfigSchema>;

/** Analysis cadence defaults; docs/performance.md has the measurements (CPU and replay events) behind them. */
export const ANALYSIS_DEFAULTS = {
  roiMargin: 0.15,
  idleDetectFps: 2,
  detectFps: 1,
  classifyFps: 2,
  driftThreshold: 8,
  roiSearchFps: 0.5,
  trackMargin: 0.5,
} as const;

/** How often a counter runs the models: a citizen at a counter moves little, an idle counter needs less. */
export const AnalysisSchema = z
  .object({
    roiMargin: z
      .number()
      .min(0)
      .max(1)
      .default(ANALYSIS_DEFAULTS.roiMargin)
      .describe("the detector searches the ROI's bounding box widened by this share of the frame height per side"),
    idleDetectFps: z
      .number()
      .positive()
      .max(60)
      .default(ANALYSIS_DEFAULTS.idleDetectFps)
      .describe("detections per second while no counted face is present; other frames only advance the clock"),
    detectFps: z
      .number()
      .positive()
      .max(60)
      .default(ANALYSIS_DEFAULTS.detectFps)
      .describe("detections per second while a citizen is present; between them the last boxes are carried over"),
    classifyFps: z
      .number()
      .positive()
      .max(60)
      .default(ANALYSIS_DEFAULTS.classifyFps)
      .describe("expression classifications per second of a present face; between them its last reading is held"),
    driftThreshold: z
      .number()
      .min(0)
      .max(255)
      .default(ANALYSIS_DEFAULTS.driftThreshold)
      .describe("mean grey change (0-255) inside a carried box that forces a new detection and classification"),
    roiSearchFps: z
      .number()
      .positive()
      .max(60)
      .default(ANALYSIS_DEFAULTS.roiSearchFps)
      .describe(
        "searches of the whole ROI per second while a citizen is present (newcomers); other detections look only around the tracked faces",
      ),
    trackMargin: z
      .number()
      .min(0.1)
      .max(5)
      .default(ANALYSIS_DEFAULTS.trackMargin)
      .describe("a detection around tracked faces searches their boxes widened by this many face sides on every side"),
  })
  .strict();
export type AnalysisOptions = z.infer<typeof AnalysisSchema>;

export const AgentConfigSchema = z
  .object({
    agentId: IdSchema.describe("unique agent id; a topic level"),
    mqtt: z
      .object({
        url: z
          .string()
          .default("mqtt://127.0.0.1:1883")
          .describe("broker URL (the hub embeds one on :1883 by default)"),
        baseTopic: z.string().default(DEFAULT_BASE_TOPIC),
        username: z
          .string()
          .optional()
          .describe("default: the agent id; the password comes from HAILONG_MQTT_PASSWORD, never from the file"),
        tls: MqttTlsSchema.optional().describe("TLS settings for an mqtts:// broker"),
        keepaliveS: z.number().int().min(5).default(30),
        reconnectMs: z.number().int().min(100).default(2000),
      })
      .strict()
      .default({ url: "mqtt://127.0.0.1:1883", baseTopic: DEFAULT_BASE_TOPIC, keepaliveS: 30, reconnectMs: 2000 }),
    stateDir: z
      .string()
      .default("var/agent")
      .describe("outbox database and persisted remote config; never holds images"),
    outbox: z
      .object({
        quotaBytes: z
          .number()
          .int()
          .min(1_000_000)
          .default(256 * 1024 * 1024)
          .describe("bytes of queued messages (topic + payload) kept while the broker is unreachable"),
        inflightWindow: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .default(64)
          .describe("messages published but not yet acknowledged (PUBACK) at once"),
        flushOnStopMs: z
          .number()
          .int()
          .min(0)
          .default(5000)
          .describe("on shutdown, how long to keep delivering queued messages before closing"),
      })
      .strict()
      .default({ quotaBytes: 256 * 1024 * 1024, inflightWindow: 64, flushOnStopMs: 5000 }),
    models: z
      .object({
        detector: z.string().default("auto").describe("model id or auto (YuNet if fetched, else BlazeFace)"),
        expression: z.union([z.string(), z.array(z.string()).min(1)]).default("auto"),
        threads: z.number().int().min(1).max(8).default(1),
        maxBatch: z
          .number()
          .int()
          .min(1)
          .max(64)
          .default(DEFAULT_MAX_BATCH)
          .describe("the most faces (of all counters) one classification run takes; 1: each face alone"),
        flipTta: z
          .boolean()
          .default(false)
          .describe("also classify the mirrored face: doubles expression cost, measured +0.8 pt on FER2013 only"),
      })
      .strict()
      .default({ detector: "auto", expression: "auto", threads: 1, maxBatch: DEFAULT_MAX_BATCH, flipTta: false }),
    analysis: AnalysisSchema.default(ANALYSIS_DEFAULTS).describe(
      "how often each counter detects and classifies; docs/performance.md has the measurements behind the defaults",
    ),
    publish: z
      .object({
        scoreWindowMs: z.number().int().min(1000).default(10_000),
        healthEveryMs: z.number().int().min(1000).default(10_000),
      })
      .strict()
      .default({ scoreWindowMs: 10_000, healthEveryMs: 10_000 }),
    counters: z.array(CounterConfigSchema).min(1).max(16),
  })
  .strict();
export type AgentConfig = z.infer<typeof AgentConfigSchema>;
