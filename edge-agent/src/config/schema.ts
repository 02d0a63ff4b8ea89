import { DEFAULT_DISSATISFIED_THRESHOLD } from "@hailong/models";
import { CounterTuningSchema, DEFAULT_BASE_TOPIC, FULL_FRAME_ROI, IdSchema } from "@hailong/protocol";
import { z } from "zod";

/** Where frames come from. Only the newest frame is ever kept in memory. */
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
      width: z
        .number()
        .int()
        .min(0)
        .default(0)
        .describe("decode JPEGs at most this wide, shrinking while decoding (0: the camera's size)"),
    })
    .strict(),
  z
    .object({
      type: z.literal("snapshot"),
      url: z.string().url().describe("HTTP URL returning one JPEG per request"),
      intervalMs: z.number().int().min(50).default(200),
      width: z
        .number()
        .int()
        .min(0)
        .default(0)
        .describe("decode JPEGs at most this wide, shrinking while decoding (0: the camera's size)"),
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

export const DEFAULT_TUNING = {
  roi: FULL_FRAME_ROI,
  minFaceSizePx: 40,
  // Measured by the models package (FER2013-dev / wild / CK+ grid; see DEFAULT_DISSATISFIED_THRESHOLD).
  dissatisfiedThreshold: DEFAULT_DISSATISFIED_THRESHOLD,
  dwellMs: 2000,
} as const;

export const CounterConfigSchema = z
  .object({
    id: IdSchema.describe("counter id, e.g. q7-hotich-1; a topic level"),
    camera: CameraSourceSchema,
    tuning: CounterTuningSchema.partial()
      .strict()
      .default({})
      .transform((t) => ({ ...DEFAULT_TUNING, ...t }))
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
        hysteresis: z.number().min(0).max(0.5).default(0.05).describe("margin before the displayed level changes"),
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
      })
      .strict()
      .default({
        emaHalfLifeMs: 600,
        hysteresis: 0.05,
        incidentHysteresis: 0.1,
        incidentRearmMs: 1500,
        incidentNewAfterMs: 600_000,
      }),
  })
  .strict();
export type CounterConfig = z.infer<typeof CounterConfigSchema>;

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
        username: z.string().optional().describe("password comes from HAILONG_MQTT_PASSWORD, never from the file"),
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
        flipTta: z
          .boolean()
          .default(false)
          .describe("also classify the mirrored face: doubles expression cost, measured +0.8 pt on FER2013 only"),
      })
      .strict()
      .default({ detector: "auto", expression: "auto", threads: 1, flipTta: false }),
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
